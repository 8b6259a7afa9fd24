// English texts of the Balance transfer tab (`transfer.*`), spread into `en.js`.

export const transfer = {
  "transfer.title": "Balance transfer from one company number to another",
  "transfer.sender": "Sender",
  "transfer.recipient": "Recipient",
  "transfer.number_placeholder": "Number, account or tariff",
  "transfer.amount": "Transfer amount (₸)",
  "transfer.tiyn": "tiyn",
  "transfer.available": "Can be transferred: {amount}",
  "transfer.submit": "Transfer balance",
  "transfer.choose_number": "Choose a number of the company from the list.",
  "transfer.enter_amount": "Enter the amount in digits: whole tenge in the first box, tiyn (0 to 99) in the second; no points or commas.",
  "transfer.amount_zero": "Enter an amount greater than 0.",
  "transfer.confirm_title": "Balance transfer",
  "transfer.confirm": "Transfer {amount} from {from} to {to}?",
  "transfer.confirm_button": "Transfer",
  "transfer.sending": "Sending…",
  "transfer.why_not": "Only an active number can transfer its balance.",
  "transfer.done": "{amount} transferred. Balance of {from}: {from_balance}; balance of {to}: {to_balance}.",
};
