/* Material's partials/javascripts/base.html, loaded as a file: the Content-Security-Policy allows scripts
   from the site only. tests/test_boundary.py checks that the last line is Material's script. */
var __gk_root=document.currentScript.dataset.scope||new URL("../..",document.currentScript.src).href;
__md_scope=new URL(__gk_root,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
