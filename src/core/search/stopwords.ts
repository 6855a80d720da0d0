/**
 * Words that carry no meaning for retrieval, per language (after Snowball's lists). Negations are
 * stop words too: "не приходит SMS" is about SMS, and KB titles say "не" about everything.
 */
const RU = `не нет и в во что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот
от меня еще о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь
там потом себя ей может они тут где есть надо ней для мы тебя их чем была сам чтоб будто чего раз тоже себе под
будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда
зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая
много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
всю между это также либо ваш ваша ваше ваши вашего вашей вашим вашу мои мое мою свой своего своей`;

const DA = `og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham
hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog
noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine
vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan`;

const EN = `a an the and or of to in on at by for with from is are was were be been it its this that these those as
into than then so such not no`;

const STOP = new Set([...RU.split(/\s+/), ...DA.split(/\s+/), ...EN.split(/\s+/)].map((w) => w.replace(/ё/g, 'е')));

/** Folded word → is it a stop word in any KB language. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * Words of a pasted customer e-mail that say nothing about the problem: greetings, thanks,
 * politeness, "I have a question". They still count, but little, so that a pasted sentence is
 * matched on its informative words. Matched by stem, so every form is covered.
 */
export const FILLER_WORDS = `здравствуйте здравствуй добрый день дня вечер утро привет уважаемые спасибо благодарю
пожалуйста подскажите скажите помогите помочь помощь хочу хотел хотела хотим нужно надо вопрос интересует могу
сделать ответ заранее сообщите прошу просьба пишу написать обращаюсь обращение сегодня вчера который очень почему
зовут имя проблема проблемы ситуация hello hi thanks thank please`.split(/\s+/);
