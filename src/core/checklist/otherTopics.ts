import type { Checklist } from './types';

/**
 * Problems the KB answers without a checklist: navigation maps, Apple CarPlay / Android Auto, the
 * warranty, booking a service visit, a complaint about a dealer, a recall campaign, a test drive,
 * spare parts. A request about one of them ("чтобы проверить обновление карт, пришлите VIN и
 * модель", "чтобы передать жалобу, напишите название ДЦ и дату визита") asks for nothing a checklist
 * requires, although its items and a passing word ("личный кабинет") are those of one.
 * Matched like checklist topics (by stem, typo-tolerant), as one pseudo-checklist with no items.
 */
export const OTHER_TOPIC = '\u0000other';

const TERMS = [
  'навигация', 'навигационных карт', 'карты навигации', 'обновление карт', 'навигатор', 'Navigation Updater', 'Navigator Updater',
  'CarPlay', 'Car Play', 'Android Auto', 'Андроид Авто', 'Карплей',
  'гарантия', 'гарантийный ремонт', 'гарантийного', 'по гарантии',
  'техобслуживание', 'техническое обслуживание', 'запись на ТО', 'записаться на ТО', 'записать на диагностику', 'запись на сервис',
  'жалоба', 'жалобу', 'отзывная кампания', 'отзывной кампании', 'тест-драйв', 'запчасти',
  'navigation', 'maps update', 'map update', 'warranty', 'service appointment', 'book a service',
  'complaint', 'recall campaign', 'test drive', 'spare parts',
];

/** The pseudo-checklist, for {@link matcherFor}: one stable array, so that its matcher is built once. */
export const OTHER_TOPICS: readonly Checklist[] = [
  {
    id: OTHER_TOPIC,
    title: { ru: 'Тема без чек-листа', en: 'A topic with no checklist' },
    appliesWhen: { terms: TERMS },
    items: [],
  },
];
