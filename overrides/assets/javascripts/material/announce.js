/* Material's partials/javascripts/announce.html, loaded as a file: the Content-Security-Policy allows scripts
   from the site only. tests/test_boundary.py checks that the last line is Material's script. */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
