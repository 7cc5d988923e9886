// `npm start`: set up what is missing, then run the offline Pelm sandbox (the demo app will take
// its place once it exists) and print its URLs.
import './sandbox.mjs'
