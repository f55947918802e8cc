/* The saved display preferences (适老化, 字号, 繁體) applied before the first paint, from <head>; gongkai.js does the rest. */
try{var c=document.documentElement.classList,s=localStorage,z=s.getItem("gongkai.size");c.add("gk-js");s.getItem("gongkai.elder")==="1"&&c.add("gk-elder");(z==="l"||z==="s")&&c.add("gk-size-"+z);s.getItem("gongkai.script")==="hant"&&c.add("gk-hant-wait")}catch(e){}
