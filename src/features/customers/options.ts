/** #/customers' options (`o.*` in the URL): one codec, read and written only through it (lib/share/view-options.ts). */
import { numberOption, optionsCodec, textOption } from '../../lib/share/view-options';
import { DEFAULT_CHURN_DAYS } from '../../lib/analyses/customer-lifecycle';

export const customersOptions = optionsCodec({
  /** Days without an order after which a customer counts as churned. */
  churnDays: numberOption(DEFAULT_CHURN_DAYS, { min: 1, max: 364, integer: true }),
  /** The search text and the customer whose detail is open. */
  q: textOption,
  customer: textOption,
});
