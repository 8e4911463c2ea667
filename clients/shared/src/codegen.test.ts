import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadContext } from '@graphql-codegen/cli';

const root = join(__dirname, '../../..');

// Generated code is committed so every client builds without running codegen; this keeps it honest.
it('has generated code that matches schema/api.graphql and the operations', async () => {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const context = await loadContext(join(root, 'codegen.yml'));
    const files = await generate(context, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = readFileSync(join(root, file.filename), 'utf8');
      expect({ file: file.filename, fresh: committed === file.content }).toEqual({
        file: file.filename,
        fresh: true,
      });
    }
  } finally {
    process.chdir(previous);
  }
});
