// Progressive enhancement only: every page works without this file.
// Fills empty time-zone fields with the browser's zone and, on the service page, shows the
// free times in that zone right away.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  document.querySelectorAll('input[data-browser-zone]').forEach(function (input) {
    if (!input.value) input.value = zone;
  });
  var picker = document.querySelector('form[data-zone-auto]');
  if (picker && !new URLSearchParams(location.search).has('zone')) {
    var field = picker.querySelector('input[name="zone"]');
    if (field && field.value !== zone) { field.value = zone; picker.submit(); }
  }
})();
// Schedule editor: an "Add an interval" button per day copies the day's last row, empty.
(function () {
  document.querySelectorAll('button[data-add-interval]').forEach(function (button) {
    var list = button.parentNode.querySelector('ol.intervals');
    if (!list) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var rows = list.querySelectorAll('li');
      var last = rows[rows.length - 1];
      if (!last) return;
      var next = rows.length, day = list.getAttribute('data-day');
      var copy = last.cloneNode(true);
      copy.className = 'interval';
      copy.querySelectorAll('.field-error').forEach(function (p) { p.remove(); });
      copy.querySelectorAll('input').forEach(function (input) {
        var kind = input.name.indexOf('_s') > 0 ? 's' : 'e';
        input.name = input.id = 'd' + day + '_' + kind + next;
        input.value = '';
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      });
      copy.querySelectorAll('label').forEach(function (label) {
        var kind = label.htmlFor.indexOf('_s') > 0 ? 's' : 'e';
        label.htmlFor = 'd' + day + '_' + kind + next;
        label.textContent = label.textContent.replace(/interval \d+/, 'interval ' + (next + 1));
      });
      list.appendChild(copy);
      copy.querySelector('input').focus();
    });
  });
})();
// Zone field: the list of every IANA zone (the browser's first) is fetched when first needed.
(function () {
  var list = document.querySelector('datalist[data-zones]');
  var input = list && document.querySelector('input[list="' + list.id + '"]');
  if (!input) return;
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    fetch(list.getAttribute('data-zones')).then(function (r) { return r.json(); }).then(function (names) {
      var own;
      try { own = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { own = ''; }
      if (own) names = [own].concat(names.filter(function (n) { return n !== own; }));
      var fragment = document.createDocumentFragment();
      names.forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        fragment.appendChild(option);
      });
      list.appendChild(fragment);
    }).catch(function () { loaded = false; });
  }
  input.addEventListener('focus', load);
  input.addEventListener('input', load);
})();
// Month calendar: one tab stop, arrow keys move between days (ARIA grid pattern), Page Up/Down
// change month.
(function () {
  var grid = document.querySelector('[data-month-picker] table[role="grid"]');
  if (!grid) return;
  var days = Array.prototype.slice.call(grid.querySelectorAll('td > a, td > .none'));
  if (!days.length) return;
  var current = days.findIndex(function (d) { return d.getAttribute('aria-current') === 'date'; });
  if (current < 0) current = Math.max(0, days.findIndex(function (d) { return d.tagName === 'A'; }));
  days.forEach(function (day, i) { day.tabIndex = i === current ? 0 : -1; });
  function move(to) {
    to = Math.max(0, Math.min(days.length - 1, to));
    days[current].tabIndex = -1;
    current = to;
    days[current].tabIndex = 0;
    days[current].focus();
  }
  grid.addEventListener('keydown', function (event) {
    var at = days.indexOf(document.activeElement);
    if (at < 0) return;
    current = at;
    var step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[event.key];
    if (step) { move(at + step); }
    else if (event.key === 'Home') { move(at - days[at].parentNode.cellIndex); }
    else if (event.key === 'End') { move(at + 6 - days[at].parentNode.cellIndex); }
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      var link = document.querySelector('[data-month-step="' + (event.key === 'PageUp' ? -1 : 1) + '"]');
      if (link) location.href = link.href;
    } else { return; }
    event.preventDefault();
  });
})();
