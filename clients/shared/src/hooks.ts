import { useEffect, useRef } from 'react';
import { type OperationVariables } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { MeDocument, SignInDocument } from './gql/graphql';
import { isFinalSubscriptionError, reopenDelay } from './subscriptions';

/** The signed-in account; typed from the operation in operations/account.graphql. */
export const useMe = () => useQuery(MeDocument);

/** Signs in; `mutate({ variables: { input: { email, password } } })` is typed end to end. */
export const useSignIn = () => useMutation(SignInDocument);

/**
 * Apollo's useSubscription, opened again when the platform ends it (the live instance behind it
 * restarted: SERVICE_UNAVAILABLE, or the socket dropped) after 1 s, then up to 30 s apart, unless
 * it was refused for good or is now skipped (`skip`: a subscription that ends by design once its
 * subject is done). Its variables should replay what was missed (`since`, `after`).
 */
export function useLastingSubscription<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  options: useSubscription.Options<TData, TVariables>,
) {
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ended = useRef<unknown>(undefined);
  const restart = useRef(() => {});
  const skipped = useRef(options.skip);
  skipped.current = options.skip;
  // an error is followed by completion: one reopening for both, none after a final refusal
  const reopen = () => {
    if (timer.current || isFinalSubscriptionError(ended.current)) {
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = undefined;
      ended.current = undefined;
      if (!skipped.current) {
        restart.current();
      }
    }, reopenDelay(attempt.current++));
  };
  const result = useSubscription(document, {
    ...options,
    onData: data => {
      attempt.current = 0;
      options.onData?.(data);
    },
    onError: error => {
      ended.current = error;
      reopen();
    },
    onComplete: reopen,
  } as useSubscription.Options<TData, TVariables>);
  restart.current = result.restart;
  useEffect(() => () => clearTimeout(timer.current), []);
  return result;
}
