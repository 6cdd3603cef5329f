import { describe, expect, it } from 'vitest';
import { checkSkillExpression, compileSkillExpression, SkillExpressionError } from './skill-expression.ts';

const meets = (expression: string, skills: readonly string[]) => compileSkillExpression(expression)(skills);

describe('skill expressions', () => {
  it('asks for one skill', () => {
    expect(meets('billing', ['billing', 'german'])).toBe(true);
    expect(meets('billing', ['german'])).toBe(false);
    expect(meets('billing', [])).toBe(false);
  });

  it('compares names case-insensitively, in arrays and sets alike', () => {
    expect(meets('Billing', ['billing'])).toBe(true);
    expect(meets('billing', ['BILLING'])).toBe(true);
    expect(compileSkillExpression('GERMAN && billing')(new Set(['german', 'Billing']))).toBe(true);
    expect(compileSkillExpression('german')(new Set(['french']))).toBe(false);
  });

  it('takes names with digits, - and _', () => {
    expect(meets('en-gb && tier_2 && level3', ['en-gb', 'tier_2', 'level3'])).toBe(true);
    expect(meets('en-gb', ['en'])).toBe(false);
  });

  it('has &&, || and !', () => {
    expect(meets('billing && german', ['billing', 'german'])).toBe(true);
    expect(meets('billing && german', ['billing'])).toBe(false);
    expect(meets('billing || german', ['german'])).toBe(true);
    expect(meets('billing || german', ['french'])).toBe(false);
    expect(meets('!junior', [])).toBe(true);
    expect(meets('!junior', ['junior'])).toBe(false);
    expect(meets('!!junior', ['junior'])).toBe(true);
  });

  it('binds ! tightest, then &&, then ||', () => {
    // a || b && c is a || (b && c), not (a || b) && c
    expect(meets('a || b && c', ['a'])).toBe(true);
    expect(meets('a || b && c', ['b'])).toBe(false);
    expect(meets('b && c || a', ['a'])).toBe(true);
    // !a && b is (!a) && b, not !(a && b)
    expect(meets('!a && b', ['b'])).toBe(true);
    expect(meets('!a && b', [])).toBe(false);
    expect(meets('!a && b', ['a'])).toBe(false);
    // !a || b is (!a) || b
    expect(meets('!a || b', ['a'])).toBe(false);
    expect(meets('!a || b', ['a', 'b'])).toBe(true);
  });

  it('lets parentheses group', () => {
    expect(meets('(a || b) && c', ['a'])).toBe(false);
    expect(meets('(a || b) && c', ['b', 'c'])).toBe(true);
    expect(meets('!(a && b)', ['a'])).toBe(true);
    expect(meets('!(a && b)', ['a', 'b'])).toBe(false);
    expect(meets('german && (billing || accounts)', ['german', 'accounts'])).toBe(true);
    expect(meets('((a))', ['a'])).toBe(true);
    expect(meets(' ( a||b )&&!( c ) ', ['b'])).toBe(true);
  });

  it('agrees with a truth table on every combination of three skills', () => {
    const cases: [string, (a: boolean, b: boolean, c: boolean) => boolean][] = [
      ['a && b || c', (a, b, c) => (a && b) || c],
      ['a || b && c', (a, b, c) => a || (b && c)],
      ['!a || !b && c', (a, b, c) => !a || (!b && c)],
      ['!(a || b) && c', (a, b, c) => !(a || b) && c],
      ['a && (b || !c)', (a, b, c) => a && (b || !c)],
    ];
    for (const [expression, truth] of cases) {
      for (let bits = 0; bits < 8; bits++) {
        const [a, b, c] = [(bits & 1) > 0, (bits & 2) > 0, (bits & 4) > 0];
        const skills = [a && 'a', b && 'b', c && 'c'].filter((s): s is string => typeof s === 'string');
        expect(meets(expression, skills), `${expression} with ${skills.join(',')}`).toBe(truth(a, b, c));
      }
    }
  });

  it('compiles each text once', () => {
    expect(compileSkillExpression('billing && german')).toBe(compileSkillExpression('billing && german'));
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['billing &&', /expected a skill, "!" or "\(", found the end/],
    ['&& billing', /expected a skill, "!" or "\(", found "&&" at 1/],
    ['billing german', /expected && or \|\| before "german" at 9/],
    ['(billing', /expected "\)" for the "\(" at 1, found the end/],
    ['billing)', /expected && or \|\| before "\)" at 8/],
    ['()', /expected a skill, "!" or "\(", found "\)" at 2/],
    ['billing & german', /unexpected "&" at 9/],
    ['billing | german', /unexpected "\|" at 9/],
    ['2nd-line', /unexpected "2" at 1/],
    ['billing!', /expected && or \|\| before "!" at 8/],
  ])('refuses %j, saying why', (expression, reason) => {
    expect(() => compileSkillExpression(expression)).toThrow(SkillExpressionError);
    expect(() => compileSkillExpression(expression)).toThrow(reason);
    expect(checkSkillExpression(expression)).toMatchObject({ ok: false });
  });

  it('says a good expression is one', () => {
    expect(checkSkillExpression('a && (b || !c)')).toEqual({ ok: true });
  });
});
