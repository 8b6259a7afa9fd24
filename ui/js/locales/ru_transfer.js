// Russian texts of the Balance transfer tab (`transfer.*`), spread into `ru.js`.

export const transfer = {
  "transfer.title": "Перевод баланса с одного номера компании на другой",
  "transfer.sender": "Отправитель",
  "transfer.recipient": "Получатель",
  "transfer.number_placeholder": "Номер, лицевой счёт или тариф",
  "transfer.amount": "Сумма перевода (₸)",
  "transfer.tiyn": "тиын",
  "transfer.available": "Можно перевести: {amount}",
  "transfer.submit": "Перевести баланс",
  "transfer.choose_number": "Выберите номер компании из списка.",
  "transfer.enter_amount": "Введите сумму цифрами: целые тенге в первом поле, тиыны (от 0 до 99) во втором; без точек и запятых.",
  "transfer.amount_zero": "Введите сумму больше 0.",
  "transfer.confirm_title": "Перевод баланса",
  "transfer.confirm": "Перевести {amount} с номера {from} на номер {to}?",
  "transfer.confirm_button": "Перевести",
  "transfer.sending": "Отправка…",
  "transfer.why_not": "Переводить баланс может только активный номер.",
  "transfer.done": "Переведено {amount}. Баланс {from}: {from_balance}; баланс {to}: {to_balance}.",
};
