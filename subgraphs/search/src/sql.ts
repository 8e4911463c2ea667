/*
 * Arrays as statement parameters: knex expands a JavaScript array bound to `?` into a list of
 * values, so arrays travel as JSON and become PostgreSQL arrays here. Bind `json(values)`.
 */
export const UUID_ARRAY = `array(select jsonb_array_elements_text(?::jsonb))::uuid[]`;
export const TEXT_ARRAY = `array(select jsonb_array_elements_text(?::jsonb))`;
export const json = (values: readonly unknown[]) => JSON.stringify(values);
