import teardown from '../../../jest.global-teardown.mjs';

export default async function globalTeardown() {
  const child = globalThis.__MOBILE_TEST_PLATFORM__;
  if (child && child.exitCode === null) {
    await new Promise(resolve => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    });
  }
  await teardown();
}
