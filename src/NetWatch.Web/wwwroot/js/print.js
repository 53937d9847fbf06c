// A button with data-print opens the browser's print dialog (print, or save as PDF). No inline handlers: the CSP forbids them.
document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
