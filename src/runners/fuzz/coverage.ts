/**
 * What a fuzz run exercised, counted as it goes: for the requests the flowchart accepts, each
 * field of the call's schema present or absent, at its longest, in which JSON type, every enum
 * value (and each pay code's channel); every code each call answered; every mutation and every
 * stateful command with the codes it met. Fields come from the schema, so one never sent shows
 * as a row of zeros.
 */
import { channelOfPayCode } from '../../kernel/channel.ts';
import type { CoverageReport } from '../../checks/report/fuzz-report.ts';
import { requestFields, type RequestField } from './request-fields.ts';
import { resolve, type CallSchema, type SpecDocument } from './spec-schema.ts';

interface FieldTally {
  present: number;
  absent: number;
  atMax: number;
  types: Map<string, number>;
  values: Map<string, number>;
}

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A field's values, for every element of the arrays on its path (`goods_list[0].title` is every line's title). */
function valuesAt(body: unknown, path: string): { present: unknown[]; absent: number } {
  let nodes: unknown[] = [body];
  let absent = 0;
  for (const part of path.split('.')) {
    const m = /^(.*)\[0\]$/.exec(part);
    const key = m ? m[1] : part;
    const next: unknown[] = [];
    for (const node of nodes) {
      const value = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      if (value === undefined) absent++;
      else if (m) next.push(...(Array.isArray(value) ? value : []));
      else next.push(value);
    }
    nodes = next;
  }
  return { present: nodes, absent };
}

export function createCoverage(document: SpecDocument, calls: readonly CallSchema[]) {
  const fields = new Map<string, RequestField[]>(calls.map((call) => [call.path, requestFields(document, { $ref: `#/components/schemas/${call.name}` })]));
  const tallies = new Map<string, Map<string, FieldTally>>();
  const codes = new Map<string, Map<string, number>>();
  const mutations = new Map<string, number>();
  const commands = new Map<string, Map<string, number>>();

  function tallyOf(call: string, field: RequestField): FieldTally {
    const byField = tallies.get(call) ?? tallies.set(call, new Map()).get(call)!;
    return byField.get(field.path) ?? byField.set(field.path, { present: 0, absent: 0, atMax: 0, types: new Map(), values: new Map() }).get(field.path)!;
  }

  return {
    /** A request the flowchart accepts, as sent. */
    request(call: string, body: unknown): void {
      for (const field of fields.get(call) ?? []) {
        const tally = tallyOf(call, field);
        const node = resolve(document, field.node);
        const { present, absent } = valuesAt(body, field.path);
        tally.absent += absent;
        for (const value of present) {
          tally.present++;
          bump(tally.types, jsonType(value));
          const length = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined;
          if (length !== undefined && length === (node.maxLength ?? node.maxItems)) tally.atMax++;
          if (node.enum) bump(tally.values, String(value));
          if (field.path === 'pay_code' && typeof value === 'string') bump(tally.values, `${channelOfPayCode(value) ?? 'neither'} channel`);
        }
      }
    },
    answer(call: string, code: unknown): void {
      bump(codes.get(call) ?? codes.set(call, new Map()).get(call)!, code === undefined ? 'no answer' : String(code));
    },
    mutation(kind: string): void {
      bump(mutations, kind);
    },
    command(name: string, code: unknown): void {
      bump(commands.get(name) ?? commands.set(name, new Map()).get(name)!, code === undefined ? 'no answer' : String(code));
    },
    report(): CoverageReport {
      const object = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
      return {
        fields: calls.flatMap((call) =>
          (fields.get(call.path) ?? []).map((field) => {
            const t = tallyOf(call.path, field);
            return { call: call.path, field: field.path, present: t.present, absent: t.absent, atMax: t.atMax, types: object(t.types), values: object(t.values) };
          }),
        ),
        codes: [...codes].map(([call, counts]) => ({ call, codes: object(counts) })),
        mutations: object(mutations),
        commands: [...commands].map(([command, counts]) => ({ command, codes: object(counts) })),
      };
    },
  };
}

export type CoverageRecorder = ReturnType<typeof createCoverage>;
