import type { Checklist } from './types';

/**
 * Problems the KB answers without a checklist: navigation maps, Apple CarPlay / Android Auto, the
 * warranty, booking a service visit. A request about one of them ("чтобы проверить обновление карт,
 * пришлите VIN и модель") asks for nothing a checklist requires, although its items (VIN, model,
 * phone) and a passing word ("личный кабинет", "удалите автомобиль из списка") are those of one.
 * Matched like checklist topics (by stem, typo-tolerant), as one pseudo-checklist with no items.
 */
export const OTHER_TOPIC = '\u0000other';

const TERMS = [
  'навигация', 'навигационных карт', 'карты навигации', 'обновление карт', 'навигатор', 'Navigation Updater', 'Navigator Updater',
  'CarPlay', 'Car Play', 'Android Auto', 'Андроид Авто', 'Карплей',
  'гарантия', 'гарантийный ремонт', 'гарантийного', 'по гарантии',
  'техобслуживание', 'техническое обслуживание', 'запись на ТО', 'записаться на ТО', 'записать на диагностику', 'запись на сервис',
  'navigation', 'maps update', 'map update', 'warranty', 'service appointment', 'book a service',
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
