/**
 * Below the tehsil: the village (rural; its gram panchayat comes with it) or the ward (urban) of a
 * grievance, from the district's LGD places (../local-places.ts). The village is a combobox: typing a
 * name in Roman or Devanagari letters lists the matches, arrow keys move, Enter chooses.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Key, type Lang, t, type Vars } from '../i18n';
import { type LocalPlaces, localPlacesOf, searchKey } from '../local-places';

import { NO_LOCAL, type LocalChoice } from './local-choice';

type Props = { lang: Lang; district: string; area: '' | 'rural' | 'urban'; value: LocalChoice; onChange: (v: LocalChoice) => void };

export function VillagePicker({ lang, district, area, value, onChange }: Props) {
  const [places, setPlaces] = useState<{ district: string; p?: LocalPlaces }>({ district });
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [cursor, setCursor] = useState(0);
  const L = (k: Key, v?: Vars) => t(lang, k, v);
  useEffect(() => {
    setPlaces({ district });
    if (!district) return;
    let live = true;
    void localPlacesOf(district).then((p) => live && setPlaces({ district, p }));
    return () => { live = false; };
  }, [district]);

  const p = places.district === district ? places.p : undefined;
  if (!district || !area) return null;
  if (!p) return <p class="hint" role="status">{L('f.places.loading')}</p>;
  if (p.state === 'none') return <p class="hint">{L('f.places.none')}</p>;
  const name = (x: { en: string; hi: string | null }) => (lang === 'hi' && x.hi ? x.hi : x.en);

  if (area === 'urban') {
    return (
      <div class="field">
        <label for="f-ward">{L('f.ward')}</label>
        <select id="f-ward" value={value.wardCode} onChange={(e) => onChange({ ...NO_LOCAL, wardCode: e.currentTarget.value })}>
          <option value="">{L('f.ward.choose')}</option>
          {p.data.wards.map((w) => <option key={w.code} value={w.code}>{name(w)}</option>)}
        </select>
      </div>
    );
  }

  const chosen = p.data.villages.find((v) => v.code === value.villageCode);
  const gp = chosen?.gp ? p.data.gramPanchayats.find((g) => g.code === chosen.gp) : undefined;
  const q = searchKey(query);
  const matches = q ? p.data.villages.filter((v) => searchKey(v.en).includes(q) || (v.hi && searchKey(v.hi).includes(q))).slice(0, 30) : [];
  const choose = (i: number) => {
    const v = matches[i];
    if (!v) return;
    onChange({ ...NO_LOCAL, villageCode: v.code, gramPanchayatCode: v.gp ?? '' });
    setQuery(name(v));
    setOpen(false);
  };
  const expanded = open && q.length > 0;
  return (
    <div class="field village-picker">
      <label for="f-village">{L('f.village')}</label>
      <p id="f-village-hint" class="hint">{L('f.village.hint')}</p>
      <input id="f-village" role="combobox" aria-autocomplete="list" aria-expanded={expanded} aria-controls="f-village-list" aria-describedby="f-village-hint f-village-gp"
        aria-activedescendant={expanded && matches[cursor] ? `f-village-${matches[cursor].code}` : undefined} autoComplete="off"
        value={query || (chosen ? name(chosen) : '')}
        onInput={(e) => { setQuery(e.currentTarget.value); setOpen(true); setCursor(0); if (value.villageCode) onChange(NO_LOCAL); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { setOpen(true); setCursor((c) => Math.min(c + 1, matches.length - 1)); e.preventDefault(); }
          else if (e.key === 'ArrowUp') { setCursor((c) => Math.max(c - 1, 0)); e.preventDefault(); }
          else if (e.key === 'Enter' && expanded) { choose(cursor); e.preventDefault(); }
          else if (e.key === 'Escape') setOpen(false);
        }}
        onBlur={() => setOpen(false)} />
      <ul id="f-village-list" role="listbox" aria-label={L('f.village')} class="village-picker__list" hidden={!expanded}>
        {matches.length === 0
          ? <li role="option" aria-disabled="true" aria-selected="false">{L('f.village.none')}</li>
          : matches.map((v, i) => (
            <li key={v.code} id={`f-village-${v.code}`} role="option" aria-selected={i === cursor} onMouseDown={(e) => { e.preventDefault(); choose(i); }}>
              {name(v)}{lang === 'hi' ? ` (${v.en})` : v.hi ? ` (${v.hi})` : ''}
            </li>
          ))}
      </ul>
      <p id="f-village-gp" class="hint">{gp ? L('f.gp', { name: name(gp) }) : ''}</p>
    </div>
  );
}
