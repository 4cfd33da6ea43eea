import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.ts';

const common = new Set(['password', 'qwerty123456', 'monkey', 'dragon']);
const context = { email: 'ana.lopez@example.com', isCommon: (candidate: string) => common.has(candidate) };

describe('passwordProblem', () => {
  it('takes a long password that is none of the refused kinds', () => {
    expect(passwordProblem('correct horse battery staple', context)).toBeNull();
    expect(passwordProblem('dragon-is-my-favourite-beast', context)).toBeNull();
  });

  it('refuses a common password whatever its case', () => {
    expect(passwordProblem('QWERTY123456', context)).toMatch(/most common passwords/);
  });

  it('refuses a common password with digits or symbols around it, or doubled', () => {
    expect(passwordProblem('Password2024!', context)).toMatch(/most common passwords/);
    expect(passwordProblem('!!monkey123456', context)).toMatch(/most common passwords/);
    expect(passwordProblem('passwordpassword', context)).toMatch(/most common passwords/);
  });

  it('refuses a repeated character or short pattern', () => {
    expect(passwordProblem('aaaaaaaaaaaa', context)).toMatch(/repeated/);
    expect(passwordProblem('abcabcabcabc', context)).toMatch(/repeated/);
  });

  it("refuses the member's own email, or its part before the @", () => {
    expect(passwordProblem('Ana.Lopez@Example.com', context)).toMatch(/email address/);
    expect(passwordProblem('my ana.lopez@example.com!', context)).toMatch(/email address/);
    expect(passwordProblem('ana.lopez', { ...context, email: 'ana.lopez@example.com' })).toMatch(/email address/);
  });
});
