/* generated: 100 functions f000..f099 for the wildcard attach-time measure */
__attribute__((noinline)) int f000(int x) { asm volatile(""); return x + 0; }
__attribute__((noinline)) int f001(int x) { asm volatile(""); return x + 1; }
__attribute__((noinline)) int f002(int x) { asm volatile(""); return x + 2; }
__attribute__((noinline)) int f003(int x) { asm volatile(""); return x + 3; }
__attribute__((noinline)) int f004(int x) { asm volatile(""); return x + 4; }
__attribute__((noinline)) int f005(int x) { asm volatile(""); return x + 5; }
__attribute__((noinline)) int f006(int x) { asm volatile(""); return x + 6; }
__attribute__((noinline)) int f007(int x) { asm volatile(""); return x + 7; }
__attribute__((noinline)) int f008(int x) { asm volatile(""); return x + 8; }
__attribute__((noinline)) int f009(int x) { asm volatile(""); return x + 9; }
__attribute__((noinline)) int f010(int x) { asm volatile(""); return x + 10; }
__attribute__((noinline)) int f011(int x) { asm volatile(""); return x + 11; }
__attribute__((noinline)) int f012(int x) { asm volatile(""); return x + 12; }
__attribute__((noinline)) int f013(int x) { asm volatile(""); return x + 13; }
__attribute__((noinline)) int f014(int x) { asm volatile(""); return x + 14; }
__attribute__((noinline)) int f015(int x) { asm volatile(""); return x + 15; }
__attribute__((noinline)) int f016(int x) { asm volatile(""); return x + 16; }
__attribute__((noinline)) int f017(int x) { asm volatile(""); return x + 17; }
__attribute__((noinline)) int f018(int x) { asm volatile(""); return x + 18; }
__attribute__((noinline)) int f019(int x) { asm volatile(""); return x + 19; }
__attribute__((noinline)) int f020(int x) { asm volatile(""); return x + 20; }
__attribute__((noinline)) int f021(int x) { asm volatile(""); return x + 21; }
__attribute__((noinline)) int f022(int x) { asm volatile(""); return x + 22; }
__attribute__((noinline)) int f023(int x) { asm volatile(""); return x + 23; }
__attribute__((noinline)) int f024(int x) { asm volatile(""); return x + 24; }
__attribute__((noinline)) int f025(int x) { asm volatile(""); return x + 25; }
__attribute__((noinline)) int f026(int x) { asm volatile(""); return x + 26; }
__attribute__((noinline)) int f027(int x) { asm volatile(""); return x + 27; }
__attribute__((noinline)) int f028(int x) { asm volatile(""); return x + 28; }
__attribute__((noinline)) int f029(int x) { asm volatile(""); return x + 29; }
__attribute__((noinline)) int f030(int x) { asm volatile(""); return x + 30; }
__attribute__((noinline)) int f031(int x) { asm volatile(""); return x + 31; }
__attribute__((noinline)) int f032(int x) { asm volatile(""); return x + 32; }
__attribute__((noinline)) int f033(int x) { asm volatile(""); return x + 33; }
__attribute__((noinline)) int f034(int x) { asm volatile(""); return x + 34; }
__attribute__((noinline)) int f035(int x) { asm volatile(""); return x + 35; }
__attribute__((noinline)) int f036(int x) { asm volatile(""); return x + 36; }
__attribute__((noinline)) int f037(int x) { asm volatile(""); return x + 37; }
__attribute__((noinline)) int f038(int x) { asm volatile(""); return x + 38; }
__attribute__((noinline)) int f039(int x) { asm volatile(""); return x + 39; }
__attribute__((noinline)) int f040(int x) { asm volatile(""); return x + 40; }
__attribute__((noinline)) int f041(int x) { asm volatile(""); return x + 41; }
__attribute__((noinline)) int f042(int x) { asm volatile(""); return x + 42; }
__attribute__((noinline)) int f043(int x) { asm volatile(""); return x + 43; }
__attribute__((noinline)) int f044(int x) { asm volatile(""); return x + 44; }
__attribute__((noinline)) int f045(int x) { asm volatile(""); return x + 45; }
__attribute__((noinline)) int f046(int x) { asm volatile(""); return x + 46; }
__attribute__((noinline)) int f047(int x) { asm volatile(""); return x + 47; }
__attribute__((noinline)) int f048(int x) { asm volatile(""); return x + 48; }
__attribute__((noinline)) int f049(int x) { asm volatile(""); return x + 49; }
__attribute__((noinline)) int f050(int x) { asm volatile(""); return x + 50; }
__attribute__((noinline)) int f051(int x) { asm volatile(""); return x + 51; }
__attribute__((noinline)) int f052(int x) { asm volatile(""); return x + 52; }
__attribute__((noinline)) int f053(int x) { asm volatile(""); return x + 53; }
__attribute__((noinline)) int f054(int x) { asm volatile(""); return x + 54; }
__attribute__((noinline)) int f055(int x) { asm volatile(""); return x + 55; }
__attribute__((noinline)) int f056(int x) { asm volatile(""); return x + 56; }
__attribute__((noinline)) int f057(int x) { asm volatile(""); return x + 57; }
__attribute__((noinline)) int f058(int x) { asm volatile(""); return x + 58; }
__attribute__((noinline)) int f059(int x) { asm volatile(""); return x + 59; }
__attribute__((noinline)) int f060(int x) { asm volatile(""); return x + 60; }
__attribute__((noinline)) int f061(int x) { asm volatile(""); return x + 61; }
__attribute__((noinline)) int f062(int x) { asm volatile(""); return x + 62; }
__attribute__((noinline)) int f063(int x) { asm volatile(""); return x + 63; }
__attribute__((noinline)) int f064(int x) { asm volatile(""); return x + 64; }
__attribute__((noinline)) int f065(int x) { asm volatile(""); return x + 65; }
__attribute__((noinline)) int f066(int x) { asm volatile(""); return x + 66; }
__attribute__((noinline)) int f067(int x) { asm volatile(""); return x + 67; }
__attribute__((noinline)) int f068(int x) { asm volatile(""); return x + 68; }
__attribute__((noinline)) int f069(int x) { asm volatile(""); return x + 69; }
__attribute__((noinline)) int f070(int x) { asm volatile(""); return x + 70; }
__attribute__((noinline)) int f071(int x) { asm volatile(""); return x + 71; }
__attribute__((noinline)) int f072(int x) { asm volatile(""); return x + 72; }
__attribute__((noinline)) int f073(int x) { asm volatile(""); return x + 73; }
__attribute__((noinline)) int f074(int x) { asm volatile(""); return x + 74; }
__attribute__((noinline)) int f075(int x) { asm volatile(""); return x + 75; }
__attribute__((noinline)) int f076(int x) { asm volatile(""); return x + 76; }
__attribute__((noinline)) int f077(int x) { asm volatile(""); return x + 77; }
__attribute__((noinline)) int f078(int x) { asm volatile(""); return x + 78; }
__attribute__((noinline)) int f079(int x) { asm volatile(""); return x + 79; }
__attribute__((noinline)) int f080(int x) { asm volatile(""); return x + 80; }
__attribute__((noinline)) int f081(int x) { asm volatile(""); return x + 81; }
__attribute__((noinline)) int f082(int x) { asm volatile(""); return x + 82; }
__attribute__((noinline)) int f083(int x) { asm volatile(""); return x + 83; }
__attribute__((noinline)) int f084(int x) { asm volatile(""); return x + 84; }
__attribute__((noinline)) int f085(int x) { asm volatile(""); return x + 85; }
__attribute__((noinline)) int f086(int x) { asm volatile(""); return x + 86; }
__attribute__((noinline)) int f087(int x) { asm volatile(""); return x + 87; }
__attribute__((noinline)) int f088(int x) { asm volatile(""); return x + 88; }
__attribute__((noinline)) int f089(int x) { asm volatile(""); return x + 89; }
__attribute__((noinline)) int f090(int x) { asm volatile(""); return x + 90; }
__attribute__((noinline)) int f091(int x) { asm volatile(""); return x + 91; }
__attribute__((noinline)) int f092(int x) { asm volatile(""); return x + 92; }
__attribute__((noinline)) int f093(int x) { asm volatile(""); return x + 93; }
__attribute__((noinline)) int f094(int x) { asm volatile(""); return x + 94; }
__attribute__((noinline)) int f095(int x) { asm volatile(""); return x + 95; }
__attribute__((noinline)) int f096(int x) { asm volatile(""); return x + 96; }
__attribute__((noinline)) int f097(int x) { asm volatile(""); return x + 97; }
__attribute__((noinline)) int f098(int x) { asm volatile(""); return x + 98; }
__attribute__((noinline)) int f099(int x) { asm volatile(""); return x + 99; }
int wild_all(int i) { int s = 0;
  s += f000(i);
  s += f001(i);
  s += f002(i);
  s += f003(i);
  s += f004(i);
  s += f005(i);
  s += f006(i);
  s += f007(i);
  s += f008(i);
  s += f009(i);
  s += f010(i);
  s += f011(i);
  s += f012(i);
  s += f013(i);
  s += f014(i);
  s += f015(i);
  s += f016(i);
  s += f017(i);
  s += f018(i);
  s += f019(i);
  s += f020(i);
  s += f021(i);
  s += f022(i);
  s += f023(i);
  s += f024(i);
  s += f025(i);
  s += f026(i);
  s += f027(i);
  s += f028(i);
  s += f029(i);
  s += f030(i);
  s += f031(i);
  s += f032(i);
  s += f033(i);
  s += f034(i);
  s += f035(i);
  s += f036(i);
  s += f037(i);
  s += f038(i);
  s += f039(i);
  s += f040(i);
  s += f041(i);
  s += f042(i);
  s += f043(i);
  s += f044(i);
  s += f045(i);
  s += f046(i);
  s += f047(i);
  s += f048(i);
  s += f049(i);
  s += f050(i);
  s += f051(i);
  s += f052(i);
  s += f053(i);
  s += f054(i);
  s += f055(i);
  s += f056(i);
  s += f057(i);
  s += f058(i);
  s += f059(i);
  s += f060(i);
  s += f061(i);
  s += f062(i);
  s += f063(i);
  s += f064(i);
  s += f065(i);
  s += f066(i);
  s += f067(i);
  s += f068(i);
  s += f069(i);
  s += f070(i);
  s += f071(i);
  s += f072(i);
  s += f073(i);
  s += f074(i);
  s += f075(i);
  s += f076(i);
  s += f077(i);
  s += f078(i);
  s += f079(i);
  s += f080(i);
  s += f081(i);
  s += f082(i);
  s += f083(i);
  s += f084(i);
  s += f085(i);
  s += f086(i);
  s += f087(i);
  s += f088(i);
  s += f089(i);
  s += f090(i);
  s += f091(i);
  s += f092(i);
  s += f093(i);
  s += f094(i);
  s += f095(i);
  s += f096(i);
  s += f097(i);
  s += f098(i);
  s += f099(i);
  return s; }
