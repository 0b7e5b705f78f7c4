// TypeDoc plugin. The io-ts codecs in src/protocol/generated/ are generated from
// catalogue/events.json, which documents every event and resource but not every wire field.
// Their fields are listed as intentionally not documented, so that `validation.notDocumented`
// still fails on anything written by hand.
import { Converter, ReflectionKind } from 'typedoc';

const GENERATED = 'src/protocol/generated/';

/** Mirrors TypeDoc's own rule: members of a parameter's type are never required. */
const insideParameter = (reflection) => {
  for (let r = reflection.parent; r; r = r.parent)
    if (r.kindOf(ReflectionKind.Parameter)) return true;
  return false;
};

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const { project } = context;
    const names = new Set(app.options.getValue('intentionallyNotDocumented'));
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Property)) {
      if (reflection.hasComment() || insideParameter(reflection)) continue;
      const id = project.getSymbolIdFromReflection(reflection);
      if (id?.packagePath.startsWith(GENERATED)) names.add(reflection.getFriendlyFullName());
    }
    app.options.setValue('intentionallyNotDocumented', [...names]);
  });
}
