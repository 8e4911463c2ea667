import { useMutation, useQuery } from '@apollo/client/react';
import { MeDocument, SignInDocument } from './gql/graphql';

/** The signed-in account; typed from the operation in operations/account.graphql. */
export const useMe = () => useQuery(MeDocument);

/** Signs in; `mutate({ variables: { input: { email, password } } })` is typed end to end. */
export const useSignIn = () => useMutation(SignInDocument);
