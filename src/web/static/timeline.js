// The time control: a histogram of events per day, week or month, a two-handle
// range that filters the map, two date fields for exact days, preset windows
// ending on the data's last day, and a play button that walks the range
// forward from the filter's start, at a chosen speed.
import { clear, s } from './dom.js';
import { fromDay } from './model.js';

const PLAY_STEP_MS = 700;

const toDayNumber = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

export function createTimeline({ svg, fromInput, toInput, fromDate, toDate, playButton, speedSelect, presets, output, onChange }) {
  let start = 0;
  // The data's last day: the preset windows end on it.
  let end = 0;
  let binDays = 1;
  let bins = 1;
  let timer = null;
  // Where play started, to go back to once the window has reached the end.
  let playStart = null;
  let counts = [];
  // Days chosen exactly (a date field, a link): a handle only shows the step that holds them,
  // since a long timeline moves in steps of a week or a month. Moving a handle forgets its day.
  let exact = { from: null, to: null };

  const range = () => {
    const a = Number(fromInput.value);
    const b = Number(toInput.value);
    return {
      from: exact.from ?? start + a * binDays,
      to: exact.to ?? start + (b + 1) * binDays - 1,
      full: a === 0 && b === bins - 1 && exact.from === null && exact.to === null,
    };
  };

  const describe = () => {
    const r = range();
    output.value = r.full ? 'all dates' : `${r.to - r.from + 1} days`;
    fromInput.setAttribute('aria-valuetext', fromDay(r.from));
    toInput.setAttribute('aria-valuetext', fromDay(r.to));
    fromDate.value = fromDay(r.from);
    toDate.value = fromDay(r.to);
  };

  const stepOf = (day) => Math.min(bins - 1, Math.max(0, Math.floor((day - start) / binDays)));

  /** Selects these exact days (null: the timeline's own end) and puts the handles on the steps that hold them. */
  const selectDays = (fromDayNumber, toDayNumber) => {
    const to = fromDayNumber !== null && toDayNumber !== null ? Math.max(fromDayNumber, toDayNumber) : toDayNumber;
    exact = { from: fromDayNumber, to };
    fromInput.value = String(fromDayNumber === null ? 0 : stepOf(fromDayNumber));
    toInput.value = String(Math.max(Number(fromInput.value), to === null ? bins - 1 : stepOf(to)));
  };

  const changed = () => {
    describe();
    draw();
    onChange(range());
  };

  fromInput.addEventListener('input', () => {
    exact.from = null;
    if (Number(fromInput.value) > Number(toInput.value)) [toInput.value, exact.to] = [fromInput.value, null];
    changed();
  });
  toInput.addEventListener('input', () => {
    exact.to = null;
    if (Number(toInput.value) < Number(fromInput.value)) [fromInput.value, exact.from] = [toInput.value, null];
    changed();
  });
  for (const field of [fromDate, toDate]) {
    field.addEventListener('change', () => {
      if (!fromDate.value || !toDate.value) return;
      selectDays(toDayNumber(fromDate.value), toDayNumber(toDate.value));
      changed();
    });
  }

  for (const preset of presets.querySelectorAll('button[data-days]')) {
    preset.addEventListener('click', () => {
      const days = preset.dataset.days;
      if (days === 'all') selectDays(null, null);
      else selectDays(Math.max(start, end - Number(days) + 1), end);
      changed();
    });
  }

  const stop = () => {
    clearInterval(timer);
    timer = null;
    playButton.textContent = '▶';
    playButton.setAttribute('aria-label', 'Play through time');
  };

  const step = () => {
    const a = Number(fromInput.value);
    const b = Number(toInput.value);
    if (b >= bins - 1) return stop();
    exact = { from: null, to: null };
    fromInput.value = String(a + 1);
    toInput.value = String(b + 1);
    changed();
  };

  const startTimer = () => {
    clearInterval(timer);
    timer = setInterval(step, PLAY_STEP_MS / Number(speedSelect.value || 1));
  };

  /** The window play walks: the one chosen (from the filter's start), a sixth of the timeline from its start when all is shown. */
  const playWindow = () => {
    if (range().full) return { a: 0, b: Math.max(0, Math.ceil(bins / 6) - 1) };
    const a = Number(fromInput.value);
    const b = Number(toInput.value);
    // At the end, play starts again where it started last.
    return b >= bins - 1 && playStart ? playStart : { a, b };
  };

  playButton.addEventListener('click', () => {
    if (timer) return stop();
    const { a, b } = playWindow();
    playStart = { a, b };
    exact = { from: null, to: null };
    fromInput.value = String(a);
    toInput.value = String(b);
    changed();
    playButton.textContent = '❚❚';
    playButton.setAttribute('aria-label', 'Pause');
    startTimer();
  });
  speedSelect.addEventListener('change', () => { if (timer) startTimer(); });

  function draw() {
    clear(svg);
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 60;
    const axis = 14;
    const max = Math.max(1, ...counts);
    const barWidth = width / bins;
    const { from, to } = range();
    counts.forEach((count, i) => {
      const day = start + i * binDays;
      const selected = day + binDays - 1 >= from && day <= to;
      const barHeight = count === 0 ? 0 : Math.max(2, (count / max) * (height - axis - 4));
      svg.append(s('rect', {
        x: (i * barWidth + 0.5).toFixed(1), y: (height - axis - barHeight).toFixed(1),
        width: Math.max(1, barWidth - 1).toFixed(1), height: barHeight.toFixed(1),
        class: selected ? 'bar selected' : 'bar',
      }, s('title', {}, `${fromDay(day)}: ${count} event${count === 1 ? '' : 's'}`)));
    });
    // The count axis: what a bar counts, and the tallest bar's count.
    const unit = binDays === 1 ? 'day' : binDays === 7 ? 'week' : 'month';
    svg.setAttribute('aria-label', `Events per ${unit} over time; the tallest bar is ${max}`);
    svg.append(s('text', { x: '2', y: '9', class: 'tick-label axis-title' }, `events per ${unit} (tallest bar: ${max})`));
    // A tick at each month start (each year start when the months would crowd).
    const first = new Date(start * 86_400_000);
    const months = (bins * binDays) / 30;
    const every = months > 24 ? 12 : months > 12 ? 3 : 1;
    for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); ; m.setUTCMonth(m.getUTCMonth() + every)) {
      const day = Math.floor(m.getTime() / 86_400_000);
      if (day > start + bins * binDays) break;
      const x = ((day - start) / binDays) * barWidth;
      svg.append(s('line', { x1: x.toFixed(1), x2: x.toFixed(1), y1: String(height - axis), y2: String(height - axis + 4), class: 'tick' }));
      svg.append(s('text', { x: (x + 2).toFixed(1), y: String(height - 2), class: 'tick-label' }, fromDay(day).slice(0, 7)));
    }
  }

  return {
    /** Sets the days the timeline spans; the bin size follows from the span. */
    setDomain(firstDay, lastDay) {
      const span = lastDay - firstDay + 1;
      binDays = span <= 120 ? 1 : span <= 800 ? 7 : 30;
      start = firstDay;
      end = lastDay;
      bins = Math.max(1, Math.ceil(span / binDays));
      for (const input of [fromInput, toInput]) input.max = String(bins - 1);
      for (const field of [fromDate, toDate]) [field.min, field.max] = [fromDay(firstDay), fromDay(lastDay)];
      selectDays(null, null);
      describe();
    },
    /** Selects these exact days (ISO dates from the URL; null for the timeline's own ends). */
    select(fromIso, toIso) {
      selectDays(fromIso ? toDayNumber(fromIso) : null, toIso ? toDayNumber(toIso) : null);
      describe();
    },
    /** Redraws the bars for these event day ranges (each counted in the bin of its first day). */
    setCounts(dayRanges) {
      counts = new Array(bins).fill(0);
      for (const d of dayRanges) {
        const i = Math.floor((d.from - start) / binDays);
        if (i >= 0 && i < bins) counts[i]++;
      }
      draw();
    },
    range,
    redraw: draw,
    stop,
  };
}
