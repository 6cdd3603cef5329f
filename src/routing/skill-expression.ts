/**
 * Skill expressions of the routing workflow ("billing && (german || french)", "!junior"), compiled into predicates
 * over an agent's skills. Pure: no I/O.
 *
 * The grammar: skill names `[a-z][\w-]*` (compared case-insensitively), `!`, `&&`, `||` and parentheses; `!` binds
 * tightest, then `&&`, then `||`, so `a || b && !c` is `a || (b && (!c))`. Parsed by recursive descent into nested
 * closures once per text (cached), so evaluating one is a few function calls: cheap enough to run for every
 * candidate agent while assignments are planned.
 *
 * @example
 * const canServe = compileSkillExpression('billing && (german || french)');
 * canServe(['billing', 'German']); // true
 * canServe(new Set(['billing'])); // false
 */

export type SkillPredicate = (skills: ReadonlySet<string> | readonly string[]) => boolean;

export class SkillExpressionError extends Error {
  override name = 'SkillExpressionError';
}

/** How an agent's skills are asked: does it have this (lower-case) name. */
type Has = (name: string) => boolean;
type Node = (has: Has) => boolean;

/** Compiled predicates by expression text: workflows name a handful, each used for many conversations. */
const compiled = new Map<string, SkillPredicate>();
/** A bound on the cache, should callers compile texts of their own making without end. */
const CACHE_LIMIT = 10_000;

/** The predicate for `expression`; throws a SkillExpressionError saying what is wrong and where when it is not one. */
export function compileSkillExpression(expression: string): SkillPredicate {
  const cached = compiled.get(expression);
  if (cached) return cached;
  const node = new Parser(expression).parse();
  const predicate: SkillPredicate = (skills) => node(lookup(skills));
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(expression, predicate);
  return predicate;
}

/** Whether `expression` is a skill expression (the reason when not). */
export function checkSkillExpression(expression: string): { ok: true } | { ok: false; reason: string } {
  try {
    compileSkillExpression(expression);
    return { ok: true };
  } catch (error) {
    if (error instanceof SkillExpressionError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Case-insensitive membership. A Set is tried as given first (callers that care keep theirs lower-case). */
function lookup(skills: ReadonlySet<string> | readonly string[]): Has {
  if (isSet(skills)) {
    return (name) => {
      if (skills.has(name)) return true;
      for (const skill of skills) if (skill.length === name.length && skill.toLowerCase() === name) return true;
      return false;
    };
  }
  return (name) => {
    for (const skill of skills) if (skill.length === name.length && (skill === name || skill.toLowerCase() === name)) return true;
    return false;
  };
}

function isSet(skills: ReadonlySet<string> | readonly string[]): skills is ReadonlySet<string> {
  return !Array.isArray(skills);
}

type Token = { kind: 'name'; name: string; at: number } | { kind: '&&' | '||' | '!' | '(' | ')'; at: number } | { kind: 'end'; at: number };

const NAME = /[a-z][\w-]*/iy;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '!' || c === '(' || c === ')') {
      tokens.push({ kind: c, at: i });
      i++;
    } else if ((c === '&' || c === '|') && text[i + 1] === c) {
      tokens.push({ kind: c === '&' ? '&&' : '||', at: i });
      i += 2;
    } else {
      NAME.lastIndex = i;
      const match = NAME.exec(text);
      if (!match) throw new SkillExpressionError(`skill expression "${text}": unexpected "${c}" at ${i + 1} (skills are names like billing or en-gb)`);
      tokens.push({ kind: 'name', name: match[0].toLowerCase(), at: i });
      i += match[0].length;
    }
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/** or := and ('||' and)* ; and := not ('&&' not)* ; not := '!' not | name | '(' or ')' */
class Parser {
  private readonly tokens: Token[];
  private next = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): Node {
    if (this.peek().kind === 'end') throw this.error('is empty');
    const node = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.error(`expected && or || before ${describe(rest)} at ${rest.at + 1}`);
    return node;
  }

  private or(): Node {
    const terms = [this.and()];
    while (this.peek().kind === '||') {
      this.next++;
      terms.push(this.and());
    }
    if (terms.length === 1) return terms[0]!;
    return (has) => {
      for (const term of terms) if (term(has)) return true;
      return false;
    };
  }

  private and(): Node {
    const factors = [this.not()];
    while (this.peek().kind === '&&') {
      this.next++;
      factors.push(this.not());
    }
    if (factors.length === 1) return factors[0]!;
    return (has) => {
      for (const factor of factors) if (!factor(has)) return false;
      return true;
    };
  }

  private not(): Node {
    const token = this.tokens[this.next++]!;
    switch (token.kind) {
      case '!': {
        const inner = this.not();
        return (has) => !inner(has);
      }
      case 'name': {
        const name = token.name;
        return (has) => has(name);
      }
      case '(': {
        const inner = this.or();
        const close = this.tokens[this.next++]!;
        if (close.kind !== ')') throw this.error(`expected ")" for the "(" at ${token.at + 1}, found ${describe(close)}${close.kind === 'end' ? '' : ` at ${close.at + 1}`}`);
        return inner;
      }
      default:
        throw this.error(`expected a skill, "!" or "(", found ${describe(token)}${token.kind === 'end' ? '' : ` at ${token.at + 1}`}`);
    }
  }

  private peek(): Token {
    return this.tokens[this.next]!;
  }

  private error(problem: string): SkillExpressionError {
    return new SkillExpressionError(`skill expression "${this.text}": ${problem}`);
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end';
  if (token.kind === 'name') return `"${token.name}"`;
  return `"${token.kind}"`;
}
