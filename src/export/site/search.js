// summitry's site search: no framework, no request off the site. It loads only the parts
// of the index a query needs (see the `export::site` module docs):
//   w/<key>.json       words starting with two characters (or of one), each with its
//                      commitments; a word of the query matches the words starting with it
//   <facet>/<v>.json   the commitments of one party, area, status or deadline state
//   r/<n>.json         id, heading, parties, deadline of commitments 100n .. 100n+99
// Lists of positions are ascending, written as differences. Results are built with the
// DOM (textContent), never from HTML strings.
"use strict";
(function () {
  var SHOWN = 50;
  var q = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  var form = document.getElementById("search");
  if (!q || !list || !count || !form) { return; }
  var facets = [["party", "f-party"], ["area", "f-area"], ["status", "f-status"], ["deadline", "f-deadline"]];
  var cache = new Map();
  var meta = null;
  var shards = null;
  var run = 0;

  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(path).then(function (r) {
        if (r.status === 404) { return null; }
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return r.json();
      }));
    }
    return cache.get(path);
  }

  function undelta(d) {
    var out = new Array(d.length), p = 0;
    for (var i = 0; i < d.length; i++) { p += d[i]; out[i] = p; }
    return out;
  }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  function shardKey(word) {
    var key = "";
    Array.from(word).slice(0, 2).forEach(function (c) {
      if (/^[a-z0-9]$/.test(c)) { key += c; } else { key += "_" + c.codePointAt(0).toString(16); }
    });
    return key;
  }

  function union(lists) {
    var set = new Set();
    lists.forEach(function (l) { l.forEach(function (p) { set.add(p); }); });
    return Array.from(set).sort(function (a, b) { return a - b; });
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) { i++; } else if (a[i] > b[j]) { j++; } else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  // The shards that can hold words starting with `word`: the one of its first two
  // characters; for a one-character word, every shard whose key starts with that
  // character's key (`a`, `ab`, `a_441`, ...: the words are filtered below, so a shard of
  // another first character whose key shares the prefix costs a load, never a wrong hit).
  // Only shards that exist (meta.json lists them): another would be a failed request.
  function shardsFor(word) {
    var key = shardKey(word);
    if (Array.from(word).length >= 2) { return shards.has(key) ? [key] : []; }
    return Array.from(shards).filter(function (k) { return k.startsWith(key); });
  }

  // The commitments whose words start with `word`.
  function wordHits(word) {
    return Promise.all(shardsFor(word).map(function (key) { return load("w/" + key + ".json"); })).then(function (loaded) {
      var lists = [];
      loaded.forEach(function (shard) {
        if (!shard) { return; }
        Object.keys(shard).forEach(function (w) {
          if (w.startsWith(word)) { lists.push(undelta(shard[w])); }
        });
      });
      return union(lists);
    });
  }

  function fill(text, n) { return text.replace("{n}", String(n)); }

  function show(positions, token) {
    var first = positions.slice(0, SHOWN);
    var chunks = Array.from(new Set(first.map(function (p) { return Math.floor(p / meta.chunk); })));
    return Promise.all(chunks.map(function (c) { return load("r/" + c + ".json"); })).then(function (loaded) {
      if (token !== run) { return; }
      var byChunk = new Map();
      chunks.forEach(function (c, i) { byChunk.set(c, loaded[i]); });
      list.replaceChildren();
      first.forEach(function (p) {
        var rows = byChunk.get(Math.floor(p / meta.chunk));
        var r = rows && rows[p % meta.chunk];
        if (!r) { return; }
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "../commitment/" + r[0] + "/";
        a.textContent = r[1];
        li.appendChild(a);
        var small = document.createElement("span");
        small.className = "meta";
        small.textContent = " — " + r[2] + "; " + r[3];
        li.appendChild(small);
        list.appendChild(li);
      });
      var text = fill(meta.words.found, positions.length);
      if (positions.length > SHOWN) { text += " " + fill(meta.words.more, SHOWN); }
      count.textContent = text;
    });
  }

  function update() {
    var token = ++run;
    var ws = words(q.value);
    var chosen = facets.filter(function (f) { return document.getElementById(f[1]).value !== ""; });
    load("meta.json").then(function (m) {
      meta = m;
      if (!shards) { shards = new Set(m.shards); }
      if (token !== run) { return null; }
      if (ws.length === 0 && chosen.length === 0) {
        list.replaceChildren();
        count.textContent = meta.words.none;
        return null;
      }
      var parts = ws.map(wordHits).concat(chosen.map(function (f) {
        var v = document.getElementById(f[1]).value;
        return load(f[0] + "/" + encodeURIComponent(v) + ".json").then(function (d) { return d ? undelta(d) : []; });
      }));
      return Promise.all(parts).then(function (lists) {
        if (token !== run) { return null; }
        var hits = lists.reduce(intersect);
        return show(hits, token);
      });
    }).catch(function () {
      if (token === run) { count.textContent = meta ? meta.words.error : "…"; }
    });
  }

  // Filters and words from the address (`?party=kz&q=grant`), so a search can be linked.
  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) { q.value = params.get("q"); }
  facets.forEach(function (f) {
    if (params.has(f[0])) { document.getElementById(f[1]).value = params.get(f[0]); }
  });

  var timer = 0;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  facets.forEach(function (f) { document.getElementById(f[1]).addEventListener("change", update); });
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  update();
})();
