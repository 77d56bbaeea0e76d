import { describe, expect, it } from 'vitest';
import { reportSchema } from './abuse-reports.schemas.js';

describe('the report schema', () => {
  // The fuzzer's find: the "who is it about" rules ran on a null body and threw (a 500).
  it.each([null, 42, 'text', [], [{ subjectName: 'x' }]])(
    'refuses a body that is no object (%j) with issues, never by throwing',
    (body) => {
      const parsed = reportSchema.safeParse(body);
      expect(parsed.success).toBe(false);
    },
  );

  it('names the missing subject and kind together with the other problems', () => {
    const parsed = reportSchema.safeParse({});
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('subjectName');
    expect(paths).toContain('subjectKind');
    expect(paths).toContain('description');
  });
});
