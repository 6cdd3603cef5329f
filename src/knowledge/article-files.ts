import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { articleProblem, articleSlug, type Article } from './knowledge.ts';

/**
 * Help-centre articles from files: Markdown with YAML front matter, HTML pages, and JSON FAQ lists. A file that cannot
 * be read, or an entry in it, is reported with the reason and skipped; the others still load.
 */

export const ARTICLE_FILE_EXTENSIONS = ['.md', '.markdown', '.html', '.htm', '.json'];

export interface ParsedArticleFile {
  articles: Article[];
  /** What was wrong, one line each; a JSON file's entries are named by their position ("entry 3: …"). */
  problems: string[];
}

export interface ArticleFileProblem {
  /** Relative to the directory read. */
  file: string;
  reason: string;
}

export interface ArticleDirectory {
  /** Every valid article, with the file it came from. */
  articles: { article: Article; file: string }[];
  problems: ArticleFileProblem[];
  /** How many article files were found (other files are ignored). */
  files: number;
}

/** Parses one file's text by its extension. Ids not given are slugs: of the file name, or of a FAQ entry's title. */
export function parseArticleFile(fileName: string, text: string): ParsedArticleFile {
  const extension = extname(fileName).toLowerCase();
  const nameSlug = articleSlug(basename(fileName, extname(fileName)));
  let parsed: ParsedArticleFile;
  switch (extension) {
    case '.md':
    case '.markdown':
      parsed = markdownArticle(text, nameSlug);
      break;
    case '.html':
    case '.htm':
      parsed = htmlArticle(text, nameSlug);
      break;
    case '.json':
      parsed = faqArticles(text);
      break;
    default:
      return { articles: [], problems: [`not an article file (${ARTICLE_FILE_EXTENSIONS.join(', ')})`] };
  }
  const articles: Article[] = [];
  const problems = [...parsed.problems];
  parsed.articles.forEach((article) => {
    const problem = articleProblem(article);
    if (problem) problems.push(parsed.articles.length > 1 || extension === '.json' ? `"${article.title || article.id}": ${problem}` : problem);
    else articles.push(article);
  });
  return { articles, problems };
}

/** Reads every article file under a directory (and its subdirectories), in path order; duplicate ids are refused. */
export function readArticleDirectory(dir: string): ArticleDirectory {
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => ARTICLE_FILE_EXTENSIONS.includes(extname(file).toLowerCase()))
    .sort();
  const result: ArticleDirectory = { articles: [], problems: [], files: files.length };
  const seen = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch (error) {
      result.problems.push({ file, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    const parsed = parseArticleFile(file, text);
    for (const reason of parsed.problems) result.problems.push({ file, reason });
    for (const article of parsed.articles) {
      const earlier = seen.get(article.id);
      if (earlier !== undefined) {
        result.problems.push({ file, reason: `id "${article.id}" is already used by ${earlier}` });
        continue;
      }
      seen.set(article.id, file);
      result.articles.push({ article, file });
    }
  }
  return result;
}

// ---- Markdown -------------------------------------------------------------------------------------------------

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const FIRST_HEADING = /^[ \t]*#[ \t]+(.+?)[ \t#]*$/m;

function markdownArticle(text: string, nameSlug: string): ParsedArticleFile {
  let meta: Record<string, unknown> = {};
  let body = text.replace(/^\uFEFF/, '');
  const frontMatter = FRONT_MATTER.exec(body);
  if (frontMatter) {
    let parsed: unknown;
    try {
      parsed = parseYaml(frontMatter[1] ?? '');
    } catch (error) {
      return { articles: [], problems: [`the front matter is not valid YAML: ${firstLine((error as Error).message)}`] };
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      return { articles: [], problems: ['the front matter must be a mapping (id, title, tags)'] };
    }
    meta = (parsed ?? {}) as Record<string, unknown>;
    body = body.slice(frontMatter[0].length);
  }
  const problems: string[] = [];
  let title = optionalText(meta.title, 'title', problems);
  if (title === undefined) {
    // Without a title in the front matter, the first heading is the title and is not repeated in the body.
    const heading = FIRST_HEADING.exec(body);
    if (heading) {
      title = heading[1]!.trim();
      body = body.slice(0, heading.index) + body.slice(heading.index + heading[0].length);
    }
  }
  const id = optionalText(meta.id, 'id', problems) ?? nameSlug;
  const tags = tagList(meta.tags, problems);
  if (problems.length > 0) return { articles: [], problems };
  if (title === undefined) return { articles: [], problems: ['no title: give "title" in the front matter or start with a "# heading"'] };
  return { articles: [{ id, title, body: body.trim(), tags }], problems: [] };
}

// ---- HTML -----------------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', euro: '€', pound: '£', copy: '©', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Text of an HTML fragment: blocks become lines, list items "- " lines, everything else is dropped. */
function htmlText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|section|article|main|header|footer|h[1-6]|ul|ol|table|tr|blockquote|pre|dl|dt|dd)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function htmlArticle(html: string, nameSlug: string): ParsedArticleFile {
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const bodyMatch = /<body\b[^>]*>([\s\S]*)<\/body\s*>/i.exec(html);
  let bodyHtml = bodyMatch ? bodyMatch[1]! : html.replace(/<head\b[\s\S]*?<\/head\s*>/i, '').replace(/<title\b[\s\S]*?<\/title\s*>/i, '');
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(bodyHtml);
  const title = htmlText(titleTag?.[1] ?? h1?.[1] ?? '');
  if (title === '') return { articles: [], problems: ['no title: give the page a <title> or an <h1>'] };
  // The heading that repeats the title is not part of the answer.
  if (h1 && htmlText(h1[1]!) === title) bodyHtml = bodyHtml.slice(0, h1.index) + bodyHtml.slice(h1.index + h1[0].length);
  const keywords = /<meta\b[^>]*\bname\s*=\s*["']keywords["'][^>]*>/i.exec(html)?.[0];
  const tags = keywords ? tagList(decodeEntities(/\bcontent\s*=\s*["']([^"']*)["']/i.exec(keywords)?.[1] ?? ''), []) : [];
  return { articles: [{ id: nameSlug, title, body: htmlText(bodyHtml), tags }], problems: [] };
}

// ---- JSON FAQ -------------------------------------------------------------------------------------------------

function faqArticles(text: string): ParsedArticleFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { articles: [], problems: [`not valid JSON: ${firstLine((error as Error).message)}`] };
  }
  if (!Array.isArray(parsed)) {
    return { articles: [], problems: ['must be a JSON array of {"id"?, "title" or "question", "body" or "answer", "tags"?}'] };
  }
  const articles: Article[] = [];
  const problems: string[] = [];
  parsed.forEach((entry: unknown, i) => {
    const where = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const fields = entry as Record<string, unknown>;
    const entryProblems: string[] = [];
    const title = optionalText(fields.title ?? fields.question, 'title', entryProblems);
    const body = optionalText(fields.body ?? fields.answer, 'body', entryProblems);
    const id = optionalText(fields.id, 'id', entryProblems);
    const tags = tagList(fields.tags, entryProblems);
    if (title === undefined) entryProblems.push('needs a "title" or "question"');
    if (body === undefined) entryProblems.push('needs a "body" or "answer"');
    if (entryProblems.length > 0 || title === undefined || body === undefined) {
      problems.push(`${where}: ${entryProblems.join('; ')}`);
      return;
    }
    articles.push({ id: id ?? articleSlug(title), title: title.trim(), body: body.trim(), tags });
  });
  return { articles, problems };
}

// ---- shared ---------------------------------------------------------------------------------------------------

/** A text field: a string (numbers are taken as text, as YAML reads `id: 42`), or absent. */
function optionalText(value: unknown, field: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    problems.push(`"${field}" must be text`);
    return undefined;
  }
  return value.trim() === '' ? undefined : value.trim();
}

/** Tags as a list of strings or one comma-separated string; trimmed, blanks and repeats dropped. */
function tagList(value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  let raw: unknown[];
  if (typeof value === 'string') raw = value.split(',');
  else if (Array.isArray(value)) raw = value;
  else {
    problems.push('"tags" must be a list of words or a comma-separated text');
    return [];
  }
  if (raw.some((tag) => typeof tag !== 'string' && typeof tag !== 'number')) {
    problems.push('"tags" must contain only text');
    return [];
  }
  return [...new Set(raw.map((tag) => String(tag).trim()).filter((tag) => tag !== ''))];
}

const firstLine = (message: string) => message.split('\n')[0]!;
