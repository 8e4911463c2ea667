// Shared with the mobile app (clients/shared/src/format.ts).
export * from '@vp/client/src/format';
