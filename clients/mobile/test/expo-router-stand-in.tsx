// expo-router in the screen tests: its navigator under jest-expo (renderRouter) stalls Node's
// event loop once rendered here, so no answer from the platform ever arrives. The screens are
// rendered one at a time instead, and this stand-in records where they send the viewer.
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { Text } from 'react-native';

export const navigation = {
  params: {} as Record<string, string>,
  visited: [] as string[],
};

const go = (href: string) => {
  navigation.visited.push(href);
};

export function useLocalSearchParams() {
  return navigation.params;
}

export function useRouter() {
  return {
    push: go,
    navigate: go,
    replace: go,
    back: () => go('back'),
    canGoBack: () => false,
    setParams: (params: Record<string, string>) => Object.assign(navigation.params, params),
  };
}

export function Link({
  href,
  asChild,
  children,
  ...props
}: {
  href: string;
  asChild?: boolean;
  children?: ReactNode;
  [prop: string]: unknown;
}) {
  if (asChild && isValidElement(children)) {
    return cloneElement(children as ReactElement<{ onPress?: () => void }>, {
      onPress: () => go(href),
    });
  }
  return (
    <Text {...props} onPress={() => go(href)}>
      {children}
    </Text>
  );
}

export function Redirect({ href }: { href: string }) {
  go(href);
  return null;
}

export const Stack = Object.assign(() => null, { Screen: () => null });
