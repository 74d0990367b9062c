struct broken {
  unknown_t field;
};
