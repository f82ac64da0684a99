// The plain-language indicator beside a text field: sentence and word length as one types.
// The same rules as accounts.plain_language.measure on the server.
(function () {
  "use strict";
  var SENTENCE_END = /[.!?\u2026]+(?:\s+|$)|\n{2,}/;
  var WORD = /[\p{L}]+(?:[-'\u2019][\p{L}]+)*/gu;
  var LETTER = /\p{L}/u;

  function measure(text, longWord) {
    var sentences = text.split(SENTENCE_END).filter(function (part) {
      return LETTER.test(part);
    });
    var words = text.match(WORD) || [];
    if (!words.length) {
      return { sentences: 0, words: 0, wps: 0, lpw: 0, long: 0, longest: 0 };
    }
    var letters = 0, long = 0;
    words.forEach(function (word) {
      letters += word.length;
      if (word.length >= longWord) long += 1;
    });
    var longest = 0;
    sentences.forEach(function (sentence) {
      longest = Math.max(longest, (sentence.match(WORD) || []).length);
    });
    var round = function (n) { return Math.round(n * 10) / 10; };
    return {
      sentences: sentences.length,
      words: words.length,
      wps: round(words.length / Math.max(sentences.length, 1)),
      lpw: round(letters / words.length),
      long: long,
      longest: longest,
    };
  }

  function attach(box) {
    var field = box.querySelector("textarea");
    var output = box.querySelector("[data-plain-measure]");
    if (!field || !output || box.dataset.plainReady) return;
    box.dataset.plainReady = "1";
    var aim = Number(box.dataset.sentenceAim);
    var longWord = Number(box.dataset.longWord);
    var timer = null;
    field.addEventListener("input", function () {
      // Announced politely, and not on every key press.
      clearTimeout(timer);
      timer = setTimeout(function () {
        var m = measure(field.value, longWord);
        output.textContent = output.dataset.template
          .replace("{sentences}", m.sentences)
          .replace("{words_per_sentence}", m.wps)
          .replace("{aim}", aim)
          .replace("{longest}", m.longest)
          .replace("{letters_per_word}", m.lpw)
          .replace("{long_words}", m.long)
          .replace("{long_letters}", longWord);
        box.classList.toggle("plain-writing--long", m.wps > aim);
      }, 600);
    });
  }

  function attachAll() {
    document.querySelectorAll("[data-plain-writing]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
