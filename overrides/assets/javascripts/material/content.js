/* Material's partials/javascripts/content.html, loaded as a file: the Content-Security-Policy allows scripts
   from the site only. tests/test_boundary.py checks that the last line is Material's script. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
