// Click the preview of an image to set its focal point (fields focal_x / focal_y).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const preview = document.querySelector(".focal-preview");
  const fx = document.getElementById("id_focal_x");
  const fy = document.getElementById("id_focal_y");
  if (!preview || !fx || !fy) return;
  const marker = preview.querySelector(".focal-preview__marker");
  const show = () => {
    const x = parseFloat(fx.value);
    const y = parseFloat(fy.value);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      marker.hidden = true;
      return;
    }
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
    marker.hidden = false;
  };
  preview.addEventListener("click", (event) => {
    const box = preview.querySelector("img").getBoundingClientRect();
    const clamp = (v) => Math.min(1, Math.max(0, v));
    fx.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
    fy.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
    show();
  });
  fx.addEventListener("input", show);
  fy.addEventListener("input", show);
  show();
});
