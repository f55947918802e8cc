/* Material's partials/javascripts/outdated.html, loaded as a file: the Content-Security-Policy allows scripts
   from the site only. tests/test_boundary.py checks that the last line is Material's script. */
var __gk_root=document.currentScript.dataset.scope||new URL("../..",document.currentScript.src).href;
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(__gk_root),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
