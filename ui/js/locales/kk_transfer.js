// Kazakh texts of the Balance transfer tab (`transfer.*`), spread into `kk.js`. Terms as in
// docs/glossary.md.

export const transfer = {
  "transfer.title": "Компанияның бір нөмірінен екіншісіне теңгерімді аудару",
  "transfer.sender": "Жіберуші",
  "transfer.recipient": "Алушы",
  "transfer.number_placeholder": "Нөмір, дербес шот немесе тариф",
  "transfer.amount": "Аудару сомасы (₸)",
  "transfer.tiyn": "тиын",
  "transfer.available": "Аударуға болады: {amount}",
  "transfer.submit": "Теңгерімді аудару",
  "transfer.choose_number": "Тізімнен компанияның нөмірін таңдаңыз.",
  "transfer.enter_amount": "Соманы цифрмен енгізіңіз: бірінші өріске бүтін теңге, екіншісіне тиын (0-ден 99-ға дейін); нүкте мен үтірсіз.",
  "transfer.amount_zero": "0-ден үлкен соманы енгізіңіз.",
  "transfer.confirm_title": "Теңгерімді аудару",
  "transfer.confirm": "{amount} сомасын {from} нөмірінен {to} нөміріне аударасыз ба?",
  "transfer.confirm_button": "Аудару",
  "transfer.sending": "Жіберілуде…",
  "transfer.why_not": "Теңгерімді тек белсенді нөмір аудара алады.",
  "transfer.done": "{amount} аударылды. {from} теңгерімі: {from_balance}; {to} теңгерімі: {to_balance}.",
};
