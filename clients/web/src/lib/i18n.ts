// The dictionary and its helpers live in clients/shared, shared with the mobile app.
export * from '@vp/client/src/i18n';
