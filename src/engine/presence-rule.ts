/**
 * Which fields a request schema requires, read from the spec: its own `required`, those of the
 * schemas it extends (`allOf`, e.g. SignedEnvelope), and its "at least one of" groups (`anyOf` of
 * `required`, e.g. order_id or trade_no). The presence step answers 3001 from these. The other
 * fields it names are optional: sent empty, they are absent (D-29, D-50).
 */
export interface PresenceRule {
  required: readonly string[];
  /** Each group needs at least one of its names present. */
  oneOf: readonly (readonly string[])[];
  /** The top-level fields the schema names and does not require. */
  optional: readonly string[];
}

interface SchemaNode {
  $ref?: string;
  required?: string[];
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  properties?: Record<string, unknown>;
}

export function presenceRule(spec: { components: { schemas: Record<string, unknown> } }, name: string): PresenceRule {
  const schemas = spec.components.schemas as Record<string, SchemaNode | undefined>;
  const resolve = (node: SchemaNode): SchemaNode => {
    const target = node.$ref?.replace('#/components/schemas/', '');
    return target === undefined ? node : (schemas[target] ?? {});
  };
  const required: string[] = [];
  const oneOf: string[][] = [];
  const named: string[] = [];
  const visit = (node: SchemaNode): void => {
    const schema = resolve(node);
    for (const field of Object.keys(schema.properties ?? {})) if (!named.includes(field)) named.push(field);
    for (const field of schema.required ?? []) if (!required.includes(field)) required.push(field);
    for (const part of schema.allOf ?? []) visit(part);
    const groups = (schema.anyOf ?? []).map((part) => resolve(part).required ?? []);
    if (groups.length > 0 && groups.every((group) => group.length === 1)) oneOf.push(groups.map(([field]) => field));
  };
  visit({ $ref: `#/components/schemas/${name}` });
  // The envelope's own fields first, as the flowchart checks them.
  const envelope = ['app_id', 'sign', 'sign_type'].filter((field) => required.includes(field));
  return { required: [...envelope, ...required.filter((field) => !envelope.includes(field))], oneOf, optional: named.filter((field) => !required.includes(field)) };
}
