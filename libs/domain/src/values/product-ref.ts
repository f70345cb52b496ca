import { z } from 'zod';
import { productId } from './codes.js';
import { companyRef } from './company-ref.js';
import { optionalText, text } from './text.js';

/**
 * A product: `{ product_id: 'product:<slug>', name, vendor: CompanyRef, category }`, or a plain description ("systems incorporating A100") when that is all a report gives.
 */
export const productRef = z.union([
  z.strictObject({ product_id: productId.nullish(), name: optionalText, vendor: companyRef.nullish(), category: optionalText }),
  text,
]);
export type ProductRef = z.infer<typeof productRef>;

/** Product lists mix references and descriptions. */
export const productList = z.array(productRef);
