// The search page's filters, made easier where scripts run (without them every filter still
// works): on a phone they fold into a drawer above the results; a long list (units, places)
// gets a box that narrows it as one types.
(function () {
  "use strict";
  var drawer = document.getElementById("facets");
  if (drawer && window.matchMedia("(max-width: 48rem)").matches) {
    drawer.open = false;
  }
  document.querySelectorAll(".facet[data-filterable]").forEach(function (facet) {
    var name = facet.getAttribute("data-filterable");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "facet-filter";
    input.placeholder = "查找" + name;
    input.setAttribute("aria-label", "在" + name + "中查找");
    facet.querySelector("h3").insertAdjacentElement("afterend", input);
    input.addEventListener("input", function () {
      var typed = input.value.trim();
      facet.querySelectorAll("li").forEach(function (item) {
        item.hidden = typed !== "" && item.textContent.indexOf(typed) === -1;
      });
      facet.querySelectorAll("details").forEach(function (group) {
        if (typed !== "") {
          group.open = true;
          group.hidden = !group.querySelector("li:not([hidden])");
        } else {
          group.hidden = false;
        }
      });
    });
  });
})();
