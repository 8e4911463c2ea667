/** A GraphQL error as the gateway sends it. */
export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string; problems?: { field?: string; path?: string; message: string }[] } & Record<string, unknown>;
  path?: (string | number)[];
}

export const codesOf = (errors: readonly GraphQLErrorLike[] | undefined) =>
  (errors ?? []).map(error => error.extensions?.code).filter(Boolean) as string[];

/** The code of the error at a field path (e.g. ['video', 'playback']). */
export function codeAt(errors: readonly GraphQLErrorLike[] | undefined, path: (string | number)[]) {
  return (errors ?? []).find(
    error => error.path && path.every((part, i) => error.path?.[i] === part),
  )?.extensions?.code as string | undefined;
}
