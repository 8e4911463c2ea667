// Expo's preset (TypeScript, JSX, the expo-router and EXPO_PUBLIC_ transforms), for Metro and jest-expo alike.
module.exports = function (api) {
  api.cache(true);
  return { presets: ['babel-preset-expo'] };
};
