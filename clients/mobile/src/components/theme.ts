import { StyleSheet } from 'react-native';

/** The web app's dark palette, for the phone. */
export const colors = {
  background: '#0f0f12',
  surface: '#1b1b21',
  border: '#2c2c35',
  text: '#f1f1f4',
  dim: '#a0a0ad',
  accent: '#3d7bfd',
  live: '#e5333b',
  gold: '#d6a735',
  error: '#ff8a8a',
};

export const common = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  content: { padding: 16, gap: 16 },
  heading: { color: colors.text, fontSize: 18, fontWeight: '700' },
  title: { color: colors.text, fontSize: 20, fontWeight: '700' },
  text: { color: colors.text, fontSize: 15 },
  dim: { color: colors.dim, fontSize: 13 },
  error: { color: colors.error, fontSize: 14 },
  button: {
    backgroundColor: colors.surface,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 18,
    paddingHorizontal: 14,
    paddingVertical: 8,
    alignSelf: 'flex-start',
  },
  primary: { backgroundColor: colors.accent, borderColor: colors.accent },
  buttonText: { color: colors.text, fontSize: 14, fontWeight: '600' },
  input: {
    color: colors.text,
    backgroundColor: colors.surface,
    borderColor: colors.border,
    borderWidth: 1,
    borderRadius: 8,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 15,
  },
  row: { flexDirection: 'row', alignItems: 'center', gap: 8 },
});
