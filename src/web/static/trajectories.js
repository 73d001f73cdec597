// Trajectories one at a time: a picker in the legend shows every path, or one
// actor's or unit's alone (`path=` in the URL), and arrows along each line point
// the way it was travelled, from the earlier step to the later.
import { fillSelect } from './dom.js';
import { LABEL_FONT } from './basemap-layers.js';

/** A trajectory's id in the picker and the URL: its actor, then its unit when fusion told units apart. */
export const trajectoryKey = (t) => (t.unit ? `${t.actor.actorId}/${t.unit}` : t.actor.actorId);

const trajectoryName = (t) => (t.unit ? `${t.actor.name} — ${t.unit}` : t.actor.name);

/**
 * Time arrows: a glyph repeated along each leg. Lines run from departure to arrival,
 * and the glyph is never flipped to read upright, so it always points forward in time.
 */
export const TRAJECTORY_ARROWS = {
  id: 'trajectory-arrows', type: 'symbol', source: 'trajectories',
  layout: {
    'symbol-placement': 'line', 'symbol-spacing': 90, 'text-field': '▶', 'text-font': LABEL_FONT, 'text-size': 11,
    'text-keep-upright': false, 'text-allow-overlap': true, 'text-ignore-placement': true,
  },
  // The map holds every leg and shows those kept by their feature state (map.js).
  paint: { 'text-color': '#3d3d3d', 'text-opacity': ['case', ['boolean', ['feature-state', 'shown'], false], 1, 0] },
};

/**
 * Fills `select` with "all trajectories" and one option per trajectory; `onPick(key)` runs when the user
 * picks one ('' for all). Returns what the page needs: whether a trajectory is shown, and a way to set the pick.
 */
export function createTrajectoryPicker(select, trajectories, onPick) {
  const options = trajectories
    .map((t) => ({ value: trajectoryKey(t), label: `${trajectoryName(t)} (${t.steps.length} step${t.steps.length === 1 ? '' : 's'})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  fillSelect(select, options);
  select.addEventListener('change', () => onPick(select.value));
  return {
    shows: (trajectory) => !select.value || trajectoryKey(trajectory) === select.value,
    set(key) {
      select.value = options.some((o) => o.value === key) ? key : '';
    },
  };
}
