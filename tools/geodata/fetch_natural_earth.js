const tc=require('topojson-client');const fs=require('fs');
const land=JSON.parse(fs.readFileSync('node_modules/world-atlas/land-50m.json'));
fs.writeFileSync('land-50m-full.geojson',JSON.stringify(tc.feature(land,land.objects.land)));
const c=JSON.parse(fs.readFileSync('node_modules/world-atlas/countries-50m.json'));
const fc=tc.feature(c,c.objects.countries);
fc.features=fc.features.filter(f=>['Vietnam','China','Mongolia','Russia','North Korea','South Korea','Japan','Taiwan','Laos','Myanmar'].includes(f.properties.name));
fs.writeFileSync('countries-sel.geojson',JSON.stringify(fc));
console.log(fc.features.map(f=>f.properties.name+' '+f.id));
