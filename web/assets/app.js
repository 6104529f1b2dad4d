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
