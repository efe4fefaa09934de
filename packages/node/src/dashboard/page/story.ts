import type { SeriesSource } from './charts.js'

/** The attack-recovery story in one sentence, from the T trace, the threshold and the evictions. */
export interface Story {
  /** First epoch of the excursion told (see tellStory). */
  above?: number
  peak?: number
  peakEpoch?: number
  /** First epoch back at or below the threshold after that excursion. */
  recovered?: number
  evicted: number
  text: string
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(2) : String(Number(v.toPrecision(3))))

/** Per epoch, the hottest feed's T: the trace the story reads. */
export function hottest(source: SeriesSource, feeds: string[]): Array<number | null> {
  const cols = feeds.map((f) => source.column(`T:${f}`))
  return source.epochs.map((_, i) => {
    const values = cols.map((c) => c[i]).filter((v): v is number => v !== null)
    return values.length === 0 ? null : Math.max(...values)
  })
}

export function tellStory(source: SeriesSource, feeds: string[]): Story {
  const { epochs, threshold, evictionEpochs: evictions } = source
  const temperature = hottest(source, feeds)
  const evicted = [...evictions.values()].reduce((a, b) => a + b, 0)
  const evictText = evicted === 0 ? 'no identity evicted' : `${evicted} ${evicted === 1 ? 'identity' : 'identities'} evicted (epoch ${[...evictions.keys()].sort((a, b) => a - b).join(', ')})`
  const points = epochs.map((e, i) => [e, temperature[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1]))
  if (threshold === undefined || points.length === 0) return { evicted, text: `waiting for epochs; ${evictText}` }
  // Runs of consecutive epochs above the threshold. The one told is the attack-recovery one: the last run that had
  // begun by the latest eviction (evictions are what end an attack's excursion); without evictions, the hottest.
  // Small swarms draw a one-epoch false alarm now and then, and it must not hide the story.
  const runs: Array<{ first: number; after: number; peakAt: number }> = []
  for (let i = 0; i < points.length; i++) {
    if (points[i][1] <= threshold) continue
    const last = runs.at(-1)
    if (last !== undefined && last.after === i) {
      last.after = i + 1
      if (points[i][1] > points[last.peakAt][1]) last.peakAt = i
    } else runs.push({ first: i, after: i + 1, peakAt: i })
  }
  const lastEviction = Math.max(...evictions.keys())
  const hottestRun = runs.reduce<(typeof runs)[number] | undefined>((best, r) => (best === undefined || points[r.peakAt][1] > points[best.peakAt][1] ? r : best), undefined)
  const run = runs.filter((r) => points[r.first][0] <= lastEviction).at(-1) ?? hottestRun
  const above = run === undefined ? undefined : points[run.first][0]
  const recovered = run === undefined || run.after >= points.length ? undefined : points[run.after][0]
  const peak = run === undefined ? undefined : points[run.peakAt][1]
  const peakEpoch = run === undefined ? undefined : points[run.peakAt][0]
  const max = Math.max(...points.map((p) => p[1]))
  let text: string
  if (above === undefined) text = `T stayed below the threshold ${fmt(threshold)} (max ${fmt(max)})`
  else if (recovered === undefined) text = `T above the threshold ${fmt(threshold)} since epoch ${above} (peak ${fmt(peak!)} at epoch ${peakEpoch})`
  else text = `T rose above the threshold ${fmt(threshold)} at epoch ${above}, peaked at ${fmt(peak!)} (epoch ${peakEpoch}), and recovered below it from epoch ${recovered}`
  return { above, peak, peakEpoch, recovered, evicted, text: `${text}; ${evictText}` }
}

/** Writes the story into #story, with its figures as data attributes (the browser test reads them). */
export function showStory(story: Story): void {
  const el = document.getElementById('story')
  if (el === null) return
  el.textContent = story.text
  el.dataset.above = story.above === undefined ? '' : String(story.above)
  el.dataset.recovered = story.recovered === undefined ? '' : String(story.recovered)
  el.dataset.evicted = String(story.evicted)
  el.classList.toggle('hot', story.above !== undefined && story.recovered === undefined)
}
