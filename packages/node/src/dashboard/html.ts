/** What the chart markers mean: shared by both pages, so the attack-recovery story reads the same everywhere. */
const KEY = `<div id="key" class="key"><span class="k-threshold">T threshold</span><span class="k-hot">T above threshold</span><span class="k-approx">approximate epoch</span><span class="k-evict">identity evicted</span><span class="k-joules">Joules spent (right axis)</span></div>
<div id="story" class="story">waiting for epochs…</div>`

const head = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/dashboard/app.css">
</head>`

/** The node's page: everything else is drawn by the bundled /dashboard/app.js from the API's own data. */
export const DASHBOARD_HTML = `${head('ThermoTruth node')}
<body>
<header><h1>ThermoTruth <span id="network"></span></h1><div id="summary">connecting…</div></header>
<main>
<section class="feeds"><h2>Agreed values</h2><table id="feeds"><thead><tr><th>feed</th><th>value</th><th>epoch</th><th>finalized</th><th>honest spread</th></tr></thead><tbody></tbody></table></section>
${KEY}
<section class="charts" id="charts"></section>
<section class="tables">
<div><h2>Committee</h2><table id="committee"><thead><tr><th>author</th><th>role</th><th>gossip score</th><th>in mesh</th></tr></thead><tbody></tbody></table></div>
<div><h2>Peers</h2><table id="peers"><thead><tr><th>peer</th><th>direction</th><th>state</th><th>gossip score</th></tr></thead><tbody></tbody></table></div>
<div><h2>Evictions</h2><table id="evictions"><thead><tr><th>epoch</th><th>author</th><th>until epoch</th><th>reputation</th></tr></thead><tbody></tbody></table></div>
<div><h2>Recent epochs</h2><table id="epochs"><thead><tr><th>epoch</th><th>T</th><th>H (bits)</th><th>endorsements</th><th>latency</th><th>certificate</th></tr></thead><tbody></tbody></table></div>
</section>
</main>
<script type="module" src="/dashboard/app.js"></script>
</body>
</html>
`

/** The swarm launcher's aggregate page, drawn by /dashboard/swarm.js from /v1/swarm and /v1/swarm/events. */
export const SWARM_DASHBOARD_HTML = `${head('ThermoTruth swarm')}
<body>
<header><h1>ThermoTruth swarm <span id="network"></span></h1><div id="summary">connecting…</div></header>
<main>
${KEY}
<section class="charts" id="charts"></section>
<section class="tables">
<div><h2>Nodes</h2><table id="nodes"><thead><tr><th>node</th><th>role</th><th>stream</th><th>last epoch</th><th>T</th><th>H (bits)</th><th>peers</th><th>latency</th><th>dashboard</th></tr></thead><tbody></tbody></table></div>
<div><h2>Evictions</h2><table id="evictions"><thead><tr><th>epoch</th><th>author</th><th>until epoch</th><th>reputation</th></tr></thead><tbody></tbody></table></div>
</section>
</main>
<script type="module" src="/dashboard/swarm.js"></script>
</body>
</html>
`
