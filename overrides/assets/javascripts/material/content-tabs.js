/* Material's partials/javascripts/content.html, loaded as a file: the Content-Security-Policy allows scripts
   from the site only. tests/test_boundary.py checks that the last line is Material's script. */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
