import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleFile, readArticleDirectory } from './article-files.ts';
import { articleSlug } from './knowledge.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-articles-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
};

describe('Markdown articles', () => {
  it('reads id, title and tags from the front matter and keeps the body as Markdown', () => {
    write('returns.md', '---\nid: return-policy\ntitle: Our return policy\ntags: [returns, send back]\n---\nYou can return items within **30 days**.\n\n- unworn\n');
    const { articles, problems } = readArticleDirectory(dir);
    expect(problems).toEqual([]);
    expect(articles).toEqual([
      { file: 'returns.md', article: { id: 'return-policy', title: 'Our return policy', tags: ['returns', 'send back'], body: 'You can return items within **30 days**.\n\n- unworn' } },
    ]);
  });

  it('takes the id from the file name and the title from the first heading when the front matter has none', () => {
    const { articles } = parseArticleFile('Delivery Times.md', '---\ntags: shipping time, arrive\n---\n\n# How long does delivery take?\n\n2–4 working days.\n');
    expect(articles).toEqual([{ id: 'delivery-times', title: 'How long does delivery take?', tags: ['shipping time', 'arrive'], body: '2–4 working days.' }]);
  });

  it('reads a file without front matter', () => {
    expect(parseArticleFile('faq.md', '# Gift cards\nValid for 3 years.').articles).toEqual([
      { id: 'faq', title: 'Gift cards', tags: [], body: 'Valid for 3 years.' },
    ]);
  });

  it('reports bad YAML, a missing title, an empty body, a bad id and bad tags, one line each', () => {
    const problem = (text: string) => parseArticleFile('a.md', text).problems;
    expect(problem('---\ntitle: [unclosed\n---\nbody')).toEqual([expect.stringMatching(/^the front matter is not valid YAML/)]);
    expect(problem('---\n- a\n- b\n---\nbody')).toEqual(['the front matter must be a mapping (id, title, tags)']);
    expect(problem('---\ntags: [x]\n---\njust text')).toEqual([expect.stringMatching(/^no title/)]);
    expect(problem('---\ntitle: Empty\n---\n\n')).toEqual(['the body is empty']);
    expect(problem('---\nid: Not A Slug\ntitle: T\n---\nbody')).toEqual([expect.stringMatching(/^id "Not A Slug" must be lower-case/)]);
    expect(problem('---\ntitle: T\ntags: {a: 1}\n---\nbody')).toEqual(['"tags" must be a list of words or a comma-separated text']);
    expect(problem(`---\ntitle: ${'x'.repeat(201)}\n---\nbody`)).toEqual(['the title is over 200 characters']);
  });
});

describe('HTML articles', () => {
  it('takes the title from <title>, the tags from meta keywords, and the text without tags, scripts or styles', () => {
    write('pay.html', `<!doctype html><html><head><title>Payment methods &amp; cards</title><meta name="keywords" content="pay, paypal, visa">
      <style>p { color: red }</style></head><body><h1>Payment methods &amp; cards</h1><script>track()</script>
      <p>We accept <b>Visa</b> and&nbsp;PayPal.</p><ul><li>Klarna</li><li>Apple&#39;s Pay</li></ul><!-- hidden --></body></html>`);
    const { articles, problems } = readArticleDirectory(dir);
    expect(problems).toEqual([]);
    expect(articles[0]!.article).toEqual({
      id: 'pay',
      title: 'Payment methods & cards',
      tags: ['pay', 'paypal', 'visa'],
      body: "We accept Visa and PayPal.\n\n- Klarna\n- Apple's Pay",
    });
  });

  it('falls back to the first <h1> for the title, and leaves it out of the body', () => {
    const { articles } = parseArticleFile('sizes.htm', '<div><h1>Finding your <em>size</em></h1><p>Use the size chart.</p></div>');
    expect(articles).toEqual([{ id: 'sizes', title: 'Finding your size', tags: [], body: 'Use the size chart.' }]);
  });

  it('reports a page with no title', () => {
    expect(parseArticleFile('x.html', '<p>text only</p>').problems).toEqual(['no title: give the page a <title> or an <h1>']);
  });
});

describe('JSON FAQ files', () => {
  it('reads title/body and question/answer entries, making ids from the titles when absent', () => {
    write('faq/faq.json', JSON.stringify([
      { question: 'Can I pay with PayPal?', answer: 'Yes.', tags: ['paypal'] },
      { id: 'gift-cards', title: 'Gift cards', body: 'Valid for 3 years.' },
    ]));
    const { articles, problems } = readArticleDirectory(dir);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.file, a.article])).toEqual([
      [join('faq', 'faq.json'), { id: 'can-i-pay-with-paypal', title: 'Can I pay with PayPal?', body: 'Yes.', tags: ['paypal'] }],
      [join('faq', 'faq.json'), { id: 'gift-cards', title: 'Gift cards', body: 'Valid for 3 years.', tags: [] }],
    ]);
  });

  it('keeps the good entries and names the bad ones by position', () => {
    const { articles, problems } = parseArticleFile('faq.json', JSON.stringify([
      { question: 'Fine?', answer: 'Yes.' },
      { question: 'No answer' },
      'not an object',
      { title: 42, body: 'numbers are text' },
      { title: 'Bad tags', body: 'b', tags: [{}] },
    ]));
    expect(articles.map((a) => a.id)).toEqual(['fine', '42']);
    expect(problems).toEqual([
      'entry 2: needs a "body" or "answer"',
      'entry 3: must be an object',
      'entry 5: "tags" must contain only text',
    ]);
  });

  it('reports a file that is not JSON, or not an array', () => {
    expect(parseArticleFile('a.json', '{"oops": ').problems).toEqual([expect.stringMatching(/^not valid JSON/)]);
    expect(parseArticleFile('a.json', '{"question": "q"}').problems).toEqual([expect.stringMatching(/^must be a JSON array/)]);
  });
});

describe('a directory of articles', () => {
  it('reads every article file below it, skips other files, refuses a repeated id, and reports problems without stopping', () => {
    write('a.md', '---\nid: same\ntitle: First\n---\nFirst body.');
    write('b.md', '---\nid: same\ntitle: Second\n---\nSecond body.');
    write('broken.json', '[{"question": "no answer"}]');
    write('notes.txt', 'not an article');
    write('sub/c.html', '<title>Third</title><p>Third body.</p>');
    const { articles, problems, files } = readArticleDirectory(dir);
    expect(files).toBe(4);
    expect(articles.map((a) => [a.file, a.article.id])).toEqual([['a.md', 'same'], [join('sub', 'c.html'), 'c']]);
    expect(problems).toEqual([
      { file: 'b.md', reason: 'id "same" is already used by a.md' },
      { file: 'broken.json', reason: 'entry 1: needs a "body" or "answer"' },
    ]);
  });

  it('makes slugs from any text', () => {
    expect(articleSlug('Où est ma commande ?')).toBe('ou-est-ma-commande');
    expect(articleSlug('  --Refunds & returns (EU)-- ')).toBe('refunds-returns-eu');
    expect(articleSlug('???')).toBe('');
  });
});
