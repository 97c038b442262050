/**
 * Progressive enhancement for the department change page: without script the page lists every
 * change and every dated list; with it, a date-range and kind filter, and a compare form that
 * loads two dated lists (JSON) and says which powers were added, removed and changed.
 */
export function enhanceChangeFilter(): void {
  const form = document.querySelector<HTMLFormElement>('form.change-filter');
  const items = [...document.querySelectorAll<HTMLLIElement>('ul.change-list > li')];
  if (!form) return;
  form.hidden = false;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  const query = new URLSearchParams(location.search);
  for (const name of ['from', 'to', 'kind']) if (query.get(name)) field(name).value = query.get(name)!;
  const apply = () => {
    const from = field('from').value;
    const to = field('to').value;
    const kind = field('kind').value;
    let shown = 0;
    for (const li of items) {
      const date = li.dataset.date ?? '';
      li.hidden = Boolean((from && date < from) || (to && date > to) || (kind && li.dataset.kind !== kind));
      if (!li.hidden) shown++;
    }
    (form.elements.namedItem('count') as HTMLOutputElement).value = `显示 ${shown} / ${items.length} 条`;
    const params = new URLSearchParams(Object.entries({ from, to, kind }).filter(([, v]) => v));
    history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  apply();
}

interface SnapshotPower { code: string; name: string; [field: string]: unknown }
interface Snapshot { date: string; department: { powers: SnapshotPower[] } }

export function enhanceListCompare(): void {
  const form = document.querySelector<HTMLFormElement>('form.list-compare');
  if (!form) return;
  form.hidden = false;
  const result = form.querySelector<HTMLElement>('.list-compare-result')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const pick = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const load = async (date: string): Promise<Snapshot> => {
      const response = await fetch(`${form.dataset.base}${date}.json`);
      if (!response.ok) throw new Error(`${date} 的清单读取失败（${response.status}）`);
      return (await response.json()) as Snapshot;
    };
    result.replaceChildren();
    try {
      const [a, b] = await Promise.all([load(pick('from')), load(pick('to'))]);
      result.append(...describe(a, b, JSON.parse(form.dataset.labels ?? '{}') as Record<string, string>));
    } catch (error) {
      result.append(line(error instanceof Error ? error.message : String(error)));
    }
  });
}

function describe(a: Snapshot, b: Snapshot, labels: Record<string, string>): HTMLElement[] {
  const before = new Map(a.department.powers.map((p) => [p.code, p]));
  const after = new Map(b.department.powers.map((p) => [p.code, p]));
  const added = [...after.values()].filter((p) => !before.has(p.code));
  const removed = [...before.values()].filter((p) => !after.has(p.code));
  const changed = [...after.values()].flatMap((p) => {
    const old = before.get(p.code);
    if (!old) return [];
    const fields = Object.keys({ ...old, ...p }).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(p[k]));
    return fields.length ? [{ power: p, fields }] : [];
  });
  const list = document.createElement('ul');
  const item = (text: string, code: string) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/powers/${encodeURIComponent(code)}/`;
    link.textContent = text;
    li.append(link);
    return li;
  };
  for (const p of added) list.append(item(`新增：${p.name}（${p.code}）`, p.code));
  for (const p of removed) list.append(item(`移出：${p.name}（${p.code}）`, p.code));
  for (const c of changed) list.append(item(`内容变化：${c.power.name}（${c.power.code}）：${c.fields.map((f) => labels[f] ?? f).join('、')}`, c.power.code));
  return [line(`${a.date} → ${b.date}：新增 ${added.length} 项、移出 ${removed.length} 项、内容变化 ${changed.length} 项。`), list];
}

function line(text: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
