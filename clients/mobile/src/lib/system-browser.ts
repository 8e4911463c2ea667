import * as WebBrowser from 'expo-web-browser';

/**
 * Opens a page of the payment provider in the system's browser (SFSafariViewController / Custom
 * Tabs; a new tab on the web export), never in the app's own views: the payment happens where the
 * viewer sees the provider's address.
 */
export async function openInSystemBrowser(url: string) {
  await WebBrowser.openBrowserAsync(url);
}
