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
