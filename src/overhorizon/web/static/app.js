// Selection of statements for a new marking: count them and enable the button.
(function () {
  var form = document.getElementById("mark");
  if (!form) return;
  var count = document.getElementById("selected-count");
  var apply = document.getElementById("mark-apply");
  function update() {
    var n = document.querySelectorAll('input[name="statement"][form="mark"]:checked').length;
    count.textContent = String(n);
    apply.disabled = n === 0;
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "statement") update();
  });
  update();
})();
