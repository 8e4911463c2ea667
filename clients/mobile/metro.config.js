// Metro in the monorepo: Expo's defaults watch the workspace root (clients/shared is bundled from its
// TypeScript sources). React and React Native must be this app's own copies — SDK 57 wants React
// 19.2.3 while the web app and the studio hoist 19.3.1 to the root — so every import of them,
// from any package (Apollo Client's React hooks, react-native-web), is resolved from here.
const path = require('node:path');
const { getDefaultConfig } = require('expo/metro-config');

const config = getDefaultConfig(__dirname);
const PINNED = new Set(['react', 'react-dom', 'react-native', 'react-native-web', 'scheduler']);
const fromHere = path.join(__dirname, 'package.json');

const resolveRequest = config.resolver.resolveRequest;
config.resolver.resolveRequest = (context, moduleName, platform) => {
  const name = moduleName.startsWith('@') ? moduleName : moduleName.split('/')[0];
  const next = resolveRequest ?? context.resolveRequest;
  if (PINNED.has(name)) {
    return next({ ...context, originModulePath: fromHere }, moduleName, platform);
  }
  return next(context, moduleName, platform);
};

module.exports = config;
