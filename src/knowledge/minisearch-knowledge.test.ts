import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLES_DIR } from '../seed/demo-articles.ts';
import { readArticleDirectory } from './article-files.ts';
import { GROUNDED_CONFIDENCE, MiniSearchKnowledge } from './minisearch-knowledge.ts';
import { contentTerms, stem } from './search-terms.ts';

const demo = readArticleDirectory(DEMO_ARTICLES_DIR);
const demoKnowledge = () => new MiniSearchKnowledge(demo.articles.map((a) => a.article));

/** The six routine questions, each asked plainly, in other words, and with typos. */
const ROUTINE: Record<string, string[]> = {
  'delivery-times': ['How long does delivery take?', 'when will my order arrive', 'how long does delivry take', 'when will my order arive?'],
  'return-policy': ['What is your return policy?', 'how long do I have to return something', 'whats ur retun policy', 'what is the returm period'],
  'payment-methods': ['What payment methods do you accept?', 'can I pay with PayPal', 'which paymnt methods do you take', 'payment optons'],
  'reset-password': ['How do I reset my password?', 'I forgot my password', 'how do i reset my pasword', 'cant log in, forgot pasword'],
  'change-shipping-address': ['How can I change my shipping address?', 'wrong address on my order', 'I need to change the delivery adress on my order', 'update shipping adress'],
  'newsletter-unsubscribe': ['How do I unsubscribe from the newsletter?', 'stop sending me emails', 'how do I leave the newsletter', 'how do i unsubscibe from your newsleter'],
};

const OFF_TOPIC = [
  'blorp the flanges',
  'the flanges, they blorp',
  'what is the capital of France',
  'how do I cook pasta',
  'tell me a joke',
  'can I order a pizza',
  'what is the meaning of life',
  'who won the football last night',
  'asdf qwer zxcv',
];

describe('the demo help centre', () => {
  it('has about 30 articles, all valid', () => {
    expect(demo.problems).toEqual([]);
    expect(demo.articles.length).toBeGreaterThanOrEqual(25);
    expect(demo.articles.length).toBeLessThanOrEqual(32);
  });

  it('answers each routine question, in every phrasing and with typos, from its own article with confidence', () => {
    const knowledge = demoKnowledge();
    const misses: string[] = [];
    for (const [id, questions] of Object.entries(ROUTINE)) {
      for (const question of questions) {
        const [top] = knowledge.search(question);
        if (top?.article.id !== id || top.confidence < GROUNDED_CONFIDENCE) {
          misses.push(`${question} → ${top?.article.id}:${top?.confidence}`);
        }
      }
    }
    expect(misses).toEqual([]);
    // Six questions, six different articles.
    expect(new Set(Object.keys(ROUTINE)).size).toBe(6);
  });

  it('is sure of plainly worded routine questions', () => {
    const knowledge = demoKnowledge();
    for (const [id, [plain]] of Object.entries(ROUTINE)) {
      const [top, runnerUp] = knowledge.search(plain!);
      expect(top).toMatchObject({ article: { id } });
      expect(top!.confidence, plain).toBeGreaterThanOrEqual(0.9);
      expect(runnerUp!.confidence).toBeLessThan(GROUNDED_CONFIDENCE);
    }
  });

  it('is not sure of questions it has no article for', () => {
    const knowledge = demoKnowledge();
    for (const query of OFF_TOPIC) {
      const confidence = knowledge.search(query)[0]?.confidence ?? 0;
      expect(confidence, query).toBeLessThan(GROUNDED_CONFIDENCE);
    }
  });

  it('finds nothing for a greeting or an empty question', () => {
    const knowledge = demoKnowledge();
    expect(knowledge.search('hello!')).toEqual([]);
    expect(knowledge.search('   ')).toEqual([]);
  });
});

describe('confidence', () => {
  const article = (id: string, title: string, body: string, tags: string[] = []) => ({ id, title, body, tags });
  const knowledge = () =>
    new MiniSearchKnowledge([
      article('refund-timing', 'When will I get my refund?', 'We refund within 2 working days of your return arriving.'),
      article('refund-status', 'Checking the status of your refund', 'Orders show "Refund issued" once we refunded you.'),
      article('gift-cards', 'Gift cards', 'Gift cards are valid for 3 years.', ['voucher']),
    ]);

  it('is high when the top article covers the question and clearly beats the runner-up', () => {
    const [top] = knowledge().search('how many years are gift cards valid?');
    expect(top).toMatchObject({ article: { id: 'gift-cards' } });
    expect(top!.confidence).toBeGreaterThan(0.8);
  });

  it('is lower when two articles answer about equally well', () => {
    const hits = knowledge().search('refund');
    expect(hits.map((h) => h.article.id).sort()).toEqual(['refund-status', 'refund-timing']);
    expect(hits[0]!.confidence).toBeLessThan(knowledge().search('refund status')[0]!.confidence);
  });

  it('falls with each word of the question the article does not know', () => {
    const confidence = (query: string) => knowledge().search(query)[0]!.confidence;
    const all = confidence('gift card valid');
    const threeOfFour = confidence('gift card valid spaceship');
    const half = confidence('gift card spaceship hyperdrive');
    expect(all).toBeGreaterThan(threeOfFour);
    expect(threeOfFour).toBeGreaterThan(half);
    expect(half).toBeLessThan(GROUNDED_CONFIDENCE);
  });

  it('counts a typo as a weaker match than the word itself', () => {
    const exact = knowledge().search('voucher')[0]!;
    const typo = knowledge().search('vouchr')[0]!;
    expect(typo.article.id).toBe('gift-cards');
    expect(typo.confidence).toBeLessThan(exact.confidence);
  });

  it('never trusts a lower-ranked article more than one above it, and stays within 0 and 1', () => {
    for (const query of ['refund', 'gift refund', 'status of my voucher', 'when working days']) {
      const confidences = knowledge().search(query).map((h) => h.confidence);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      for (const c of confidences) expect(c >= 0 && c <= 1).toBe(true);
    }
  });
});

describe('typos', () => {
  const article = (id: string, title: string, body: string) => ({ id, title, body, tags: [] });

  it('are only words no article contains, for as long as any article contains them', () => {
    const knowledge = new MiniSearchKnowledge([
      article('shipping', 'Shipping', 'We ship worldwide.'),
      article('shop', 'Our shop', 'Visit the shop in Berlin.'),
      article('shop-hours', 'Shop opening hours', 'The shop opens at nine.'),
    ]);
    const found = (query: string) => knowledge.search(query).map((hit) => hit.article.id).sort();
    // "ship" is one edit from "shop", but a word the articles use means itself.
    expect(found('ship')).toEqual(['shipping']);
    expect(found('shoop')).toEqual(['shop', 'shop-hours']);
    knowledge.remove('shop');
    expect(found('shop')).toEqual(['shop-hours']);
    knowledge.remove('shipping');
    // No article says "ship" any more: now it can only be a typo.
    expect(found('ship')).toEqual(['shop-hours']);
  });
});

describe('keeping the index live', () => {
  it('finds an article as soon as it is upserted, finds its new words after an edit, and forgets it when removed', () => {
    const knowledge = new MiniSearchKnowledge();
    expect(knowledge.search('click and collect')).toEqual([]);
    knowledge.upsert({ id: 'pickup', title: 'Store pick-up', body: 'Not offered yet.', tags: [] });
    expect(knowledge.search('store pick-up')[0]).toMatchObject({ article: { id: 'pickup', body: 'Not offered yet.' } });
    knowledge.upsert({ id: 'pickup', title: 'Click and collect', body: 'Pick up your order in Berlin.', tags: ['collect'] });
    expect(knowledge.size).toBe(1);
    const [hit] = knowledge.search('click and collect in berlin');
    expect(hit).toMatchObject({ article: { id: 'pickup', title: 'Click and collect' } });
    expect(hit!.confidence).toBeGreaterThan(GROUNDED_CONFIDENCE);
    expect(knowledge.search('offered')).toEqual([]);
    knowledge.remove('pickup');
    expect(knowledge.search('click and collect')).toEqual([]);
    expect(knowledge.size).toBe(0);
  });

  it('finds a new article by the very words searched for in vain before it came', () => {
    const knowledge = new MiniSearchKnowledge([{ id: 'hours', title: 'Opening hours', body: 'Monday to Friday.', tags: [] }]);
    expect(knowledge.search('click and collect')).toEqual([]);
    knowledge.upsert({ id: 'pickup', title: 'Click and collect', body: 'Pick up your order in Berlin.', tags: [] });
    expect(knowledge.search('click and collect')[0]).toMatchObject({ article: { id: 'pickup' } });
  });
});

describe('search terms', () => {
  it('drops filler words and meets word forms at one stem', () => {
    expect(contentTerms('Hi! How can I change my e-mail, please?')).toEqual(['chang', 'email']);
    expect(['return', 'returns', 'returned', 'returning'].map(stem)).toEqual(['return', 'return', 'return', 'return']);
    expect(['ship', 'ships', 'shipped', 'shipping'].map(stem)).toEqual(['ship', 'ship', 'ship', 'ship']);
    expect(['delivery', 'deliveries'].map(stem)).toEqual(['delivery', 'delivery']);
    expect(['address', 'addresses', 'status'].map(stem)).toEqual(['address', 'address', 'status']);
  });

  it('reads accented text as its plain spelling', () => {
    expect(contentTerms('Délivery to Zürich, café')).toEqual(['delivery', 'zurich', 'cafe']);
    expect(contentTerms('Delivery to Zurich, cafe')).toEqual(['delivery', 'zurich', 'cafe']);
    expect(contentTerms('E-Mail sign-up, log-in')).toEqual(['email', 'signup', 'login']);
  });
});
